package io.annometrics.project.service;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.annometrics.common.error.BadRequestException;
import io.annometrics.project.model.AuditAction;
import io.annometrics.project.model.AuditEntry;
import io.annometrics.project.model.Project;
import io.annometrics.project.model.ProjectMember;
import io.annometrics.project.model.ProjectRole;
import io.annometrics.project.repository.AuditRepository;
import io.annometrics.project.repository.ProjectMemberRepository;
import io.annometrics.project.repository.ProjectRepository;
import io.annometrics.security.CurrentUser;
import io.annometrics.security.ProjectAccess;

/** Creating projects and granting roles in them. */
@ApplicationScoped
public class ProjectService {

    /** Longest project id, user name or project name accepted. */
    public static final int MAX_IDENTIFIER_LENGTH = 200;

    @Inject
    ProjectRepository projects;

    @Inject
    ProjectMemberRepository members;

    @Inject
    AuditRepository audit;

    @Inject
    ProjectAccess access;

    @Inject
    CurrentUser currentUser;

    @Transactional
    public Project create(String id, String name, String timeZone) {
        access.requireAdmin("create projects");
        String projectId = requireText("id", id);
        String projectName = requireText("name", name);
        String zone = timeZone == null || timeZone.isBlank() ? null : validZone("timeZone", timeZone.trim()).getId();
        if (projects.exists(projectId)) {
            throw new BadRequestException("id: a project with id '" + projectId + "' exists already.");
        }
        Project project = projects.create(projectId, projectName, zone, currentUser.name());
        audit.record(projectId, currentUser.name(), AuditAction.PROJECT_CREATED, null, null, null);
        return project;
    }

    @Transactional
    public ProjectMember grant(String projectId, String user, ProjectRole role) {
        access.require(projectId, ProjectRole.MANAGER);
        if (role == null) {
            throw new BadRequestException("role: a role is required.");
        }
        String grantee = requireText("user", user);
        ProjectRole previous = members.role(projectId, grantee).orElse(null);
        ProjectMember member = members.grant(projectId, grantee, role, currentUser.name());
        audit.record(projectId, currentUser.name(), AuditAction.ROLE_GRANTED, grantee, role, previous);
        return member;
    }

    /** Longest audit page one call may ask for. */
    public static final int MAX_AUDIT_ENTRIES = 1000;

    @Transactional
    public List<AuditEntry> auditTrail(String projectId, int limit) {
        access.require(projectId, ProjectRole.MANAGER);
        if (limit < 1 || limit > MAX_AUDIT_ENTRIES) {
            throw new BadRequestException("limit: must be from 1 to " + MAX_AUDIT_ENTRIES + "; it is " + limit + ".");
        }
        return audit.latest(projectId, limit);
    }

    @Transactional
    public Project project(String id) {
        return access.require(id, ProjectRole.VIEWER);
    }

    @Transactional
    public List<Project> visibleProjects() {
        return currentUser.isAdmin() ? projects.all() : projects.projectsOf(currentUser.name());
    }

    @Transactional
    public List<ProjectMember> members(String projectId) {
        access.require(projectId, ProjectRole.MANAGER);
        return members.membersOf(projectId);
    }

    /** Parses an IANA zone name, or answers BAD_REQUEST naming {@code field}. */
    public static ZoneId validZone(String field, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new BadRequestException(field + ": '" + zone + "' is not a known IANA time zone (for example Europe/Berlin or Asia/Kolkata).");
        }
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + ": must not be blank.");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_IDENTIFIER_LENGTH) {
            throw new BadRequestException(field + ": at most " + MAX_IDENTIFIER_LENGTH + " characters.");
        }
        if (trimmed.indexOf('\0') >= 0) {
            throw new BadRequestException(field + ": must not contain NUL characters.");
        }
        return trimmed;
    }
}
