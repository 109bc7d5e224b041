package io.annometrics.project.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.annometrics.project.model.AuditAction;
import io.annometrics.project.model.AuditEntry;
import io.annometrics.project.model.ProjectRole;

/** Row of table {@code audit_entry}. Never leaves the repository layer: see {@link #toModel()}. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

    @Column(name = "project_id", nullable = false)
    public String projectId;

    /** Unique on its own (an identity column); the table's key adds the project for distribution. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    public String subject;

    @Enumerated(EnumType.STRING)
    public ProjectRole role;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_role")
    public ProjectRole previousRole;

    public AuditEntry toModel() {
        return new AuditEntry(at, actor, action, subject, role, previousRole);
    }
}
