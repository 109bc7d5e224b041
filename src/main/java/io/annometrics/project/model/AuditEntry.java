package io.annometrics.project.model;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One administrative act on a project. */
@Type("AuditEntry")
@Description("One administrative act on a project: who did what, when.")
public record AuditEntry(
        @NonNull @Description("When it happened.") OffsetDateTime at,
        @NonNull @Description("Who did it, as the SSO token named them.") String actor,
        @NonNull @Description("What was done.") AuditAction action,
        @Description("For ROLE_GRANTED: the user who was given the role.") String subject,
        @Description("For ROLE_GRANTED: the role given.") ProjectRole role,
        @Description("For ROLE_GRANTED: the role the user held before, if any.") ProjectRole previousRole) {
}
