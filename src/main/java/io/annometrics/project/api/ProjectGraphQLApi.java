package io.annometrics.project.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.annometrics.common.error.ErrorBoundary;
import io.annometrics.project.model.AuditEntry;
import io.annometrics.project.model.Project;
import io.annometrics.project.model.ProjectMember;
import io.annometrics.project.model.ProjectRole;
import io.annometrics.project.service.ProjectService;

/** Projects and roles. Delegates to {@link ProjectService}. */
@GraphQLApi
@ErrorBoundary
public class ProjectGraphQLApi {

    @Inject
    ProjectService service;

    @Mutation("createProject")
    @Description("Creates a project. Global administrators only.")
    public @NonNull Project createProject(
            @Name("id") @Id @NonNull @Description("Identifier of the new project (at most 200 characters); events name it as projectId.") String id,
            @Name("name") @NonNull @Description("Name shown to people.") String name,
            @Name("timeZone") @Description("IANA time zone in which the project's days are counted, e.g. Asia/Kolkata; UTC when left out.") String timeZone) {
        return service.create(id, name, timeZone);
    }

    @Mutation("grantProjectRole")
    @Description("Gives a user a role in a project, replacing the role they held. MANAGERs of the project and global administrators.")
    public @NonNull ProjectMember grantProjectRole(
            @Name("projectId") @Id @NonNull @Description("The project.") String projectId,
            @Name("user") @NonNull @Description("The user, as the SSO token names them (its principal claim).") String user,
            @Name("role") @NonNull @Description("The role to hold from now on.") ProjectRole role) {
        return service.grant(projectId, user, role);
    }

    @Query("project")
    @Description("One project. VIEWERs of the project and above.")
    public @NonNull Project project(@Name("id") @Id @NonNull @Description("The project.") String id) {
        return service.project(id);
    }

    @Query("projects")
    @Description("The projects in which the caller holds a role (every project, for a global administrator), by id.")
    public @NonNull List<@NonNull Project> projects() {
        return service.visibleProjects();
    }

    @Query("projectAuditTrail")
    @Description("Who created the project and who granted which role to whom, newest first. MANAGERs of the project and global administrators.")
    public @NonNull List<@NonNull AuditEntry> projectAuditTrail(
            @Name("projectId") @Id @NonNull @Description("The project.") String projectId,
            @Name("limit") @DefaultValue("100") @Description("How many entries at most, from 1 to 1000.") int limit) {
        return service.auditTrail(projectId, limit);
    }

    @Query("projectMembers")
    @Description("Who holds which role in a project, by user. MANAGERs of the project and global administrators.")
    public @NonNull List<@NonNull ProjectMember> projectMembers(
            @Name("projectId") @Id @NonNull @Description("The project.") String projectId) {
        return service.members(projectId);
    }
}
