package io.annometrics.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

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
            throw new ForbiddenException(lacking(required, projectId, role));
        }
        return project;
    }

    /** What the caller may do in one project. */
    public enum Verdict {
        /** Holds the required role (or is a global administrator). */
        ALLOWED,
        /** The project does not exist, or the caller has no role in it. */
        NOT_FOUND,
        /** The caller holds a lesser role. */
        FORBIDDEN
    }

    /** A verdict and the words that explain a refusal. */
    public record Decision(Verdict verdict, String message) {

        public boolean allowed() {
            return verdict == Verdict.ALLOWED;
        }
    }

    /** For each of {@code projectIds}: whether the caller holds at least {@code required} in it. */
    public Map<String, Decision> decide(Collection<String> projectIds, ProjectRole required) {
        Map<String, Project> existing = projects.existing(projectIds);
        boolean admin = currentUser.isAdmin();
        Map<String, ProjectRole> roles = admin ? Map.of() : members.roles(existing.keySet(), currentUser.name());
        Map<String, Decision> decisions = new HashMap<>();
        for (String id : projectIds) {
            ProjectRole role = roles.get(id);
            if (!existing.containsKey(id) || (!admin && role == null)) {
                decisions.put(id, new Decision(Verdict.NOT_FOUND, projectNotFound().getMessage()));
            } else if (!admin && !role.includes(required)) {
                decisions.put(id, new Decision(Verdict.FORBIDDEN, lacking(required, id, role)));
            } else {
                decisions.put(id, new Decision(Verdict.ALLOWED, null));
            }
        }
        return decisions;
    }

    private static String lacking(ProjectRole required, String projectId, ProjectRole held) {
        return "This needs the " + required + " role in project '" + projectId + "'; you hold " + held + ".";
    }

    /** Throws unless the caller is a global administrator. */
    public void requireAdmin(String what) {
        if (!currentUser.isAdmin()) {
            throw new ForbiddenException("Only a global administrator may " + what + ".");
        }
    }
}
