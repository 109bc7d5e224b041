package io.annometrics.project.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A user's role in a project. */
@Type("ProjectMember")
@Description("A user's role in a project.")
public record ProjectMember(
        @Id @NonNull @Description("The project.") String projectId,
        @NonNull @Description("The user, as the SSO token names them.") String user,
        @NonNull @Description("The role the user holds in the project.") ProjectRole role) {
}
