package io.annometrics.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.annometrics.common.error.ForbiddenException;
import io.annometrics.common.error.NotFoundException;
import io.annometrics.project.model.Project;
import io.annometrics.project.model.ProjectRole;
import io.annometrics.project.repository.ProjectMemberRepository;
import io.annometrics.project.repository.ProjectRepository;

/**
 * Decides what the caller may do in a project. A caller without any role in a project learns nothing
 * about it: the answer is the very error that a project which does not exist gives.
 */
@ApplicationScoped
public class ProjectAccess {

    @Inject
    CurrentUser currentUser;

    @Inject
    ProjectRepository projects;

    @Inject
    ProjectMemberRepository members;

    /**
     * The error for a project that does not exist or that the caller may not know of: the same words
     * in both cases, without the id, so that the two answers cannot be told apart.
     */
    public static NotFoundException projectNotFound() {
        return new NotFoundException("Project not found: it does not exist, or you hold no role in it.");
    }

    /**
     * The project, if the caller holds at least {@code required} in it (or is a global administrator).
     *
     * @throws NotFoundException if the project does not exist or the caller has no role in it
     * @throws ForbiddenException if the caller has a lesser role
     */
    public Project require(String projectId, ProjectRole required) {
        Project project = projects.project(projectId).orElseThrow(ProjectAccess::projectNotFound);
        if (currentUser.isAdmin()) {
            return project;
        }
        ProjectRole role = members.role(projectId, currentUser.name()).orElseThrow(ProjectAccess::projectNotFound);
        if (!role.includes(required)) {
            throw new ForbiddenException("This needs the " + required + " role in project '" + projectId
                    + "'; you hold " + role + ".");
        }
        return project;
    }

    /**
     * For each of {@code projectIds}: the project if it exists and the caller holds at least
     * {@code required} in it; empty if it does not exist or the caller has no role in it.
     *
     * @throws ForbiddenException if the caller holds a lesser role in one of them
     */
    public Map<String, Optional<Project>> requireAll(Collection<String> projectIds, ProjectRole required) {
        Map<String, Project> existing = projects.existing(projectIds);
        Map<String, ProjectRole> roles = currentUser.isAdmin() ? Map.of() : members.roles(existing.keySet(), currentUser.name());
        Map<String, Optional<Project>> answer = new HashMap<>();
        for (String id : projectIds) {
            Project project = existing.get(id);
            if (project != null && !currentUser.isAdmin()) {
                ProjectRole role = roles.get(id);
                if (role == null) {
                    project = null;
                } else if (!role.includes(required)) {
                    throw new ForbiddenException("This needs the " + required + " role in project '" + id
                            + "'; you hold " + role + ".");
                }
            }
            answer.put(id, Optional.ofNullable(project));
        }
        return answer;
    }

    /** Throws unless the caller is a global administrator. */
    public void requireAdmin(String what) {
        if (!currentUser.isAdmin()) {
            throw new ForbiddenException("Only a global administrator may " + what + ".");
        }
    }
}
