package io.annometrics.project.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.annometrics.project.model.AuditAction;
import io.annometrics.project.model.AuditEntry;
import io.annometrics.project.model.ProjectRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;

/** The audit trail of projects (table {@code audit_entry}): appended to, never changed. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntryEntity, Long> {

    public void record(String projectId, String actor, AuditAction action, String subject, ProjectRole role,
            ProjectRole previousRole) {
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.projectId = projectId;
        entry.at = OffsetDateTime.now();
        entry.actor = actor;
        entry.action = action;
        entry.subject = subject;
        entry.role = role;
        entry.previousRole = previousRole;
        persist(entry);
    }

    /** The newest {@code limit} entries of the project, newest first. */
    public List<AuditEntry> latest(String projectId, int limit) {
        return find("projectId = ?1 order by id desc", projectId).page(Page.ofSize(limit)).list().stream()
                .map(AuditEntryEntity::toModel).toList();
    }
}
