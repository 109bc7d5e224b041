package io.annometrics.project.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.annometrics.project.model.Project;

/** Row of table {@code project}. Never leaves the repository layer: see {@link #toModel()}. */
@Entity
@Table(name = "project")
public class ProjectEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public Project toModel() {
        return new Project(id, name, timeZone);
    }
}
