package io.annometrics.project.repository;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.annometrics.project.model.ProjectMember;
import io.annometrics.project.model.ProjectRole;

/** Row of table {@code project_member}: one user's role in one project. */
@Entity
@Table(name = "project_member")
public class ProjectMemberEntity {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectRole role;

    @Column(name = "granted_at", nullable = false)
    public OffsetDateTime grantedAt;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    public ProjectMember toModel() {
        return new ProjectMember(key.projectId, key.userName, role);
    }

    /** Primary key: project and user. */
    @Embeddable
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        @Column(name = "project_id")
        public String projectId;

        @Column(name = "user_name")
        public String userName;

        public Key() {
        }

        public Key(String projectId, String userName) {
            this.projectId = projectId;
            this.userName = userName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.projectId.equals(projectId) && key.userName.equals(userName);
        }

        @Override
        public int hashCode() {
            return 31 * projectId.hashCode() + userName.hashCode();
        }
    }
}
