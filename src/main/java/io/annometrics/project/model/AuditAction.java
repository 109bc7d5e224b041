package io.annometrics.project.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** What an audit entry records. */
@Enum("AuditAction")
@Description("What an audit entry records.")
public enum AuditAction {

    @Description("The project was created.")
    PROJECT_CREATED,

    @Description("A user was given a role in the project (replacing the role they held, if any).")
    ROLE_GRANTED
}
