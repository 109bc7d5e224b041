package io.annometrics.project.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A project: one team's stream of annotation work. */
@Type("Project")
@Description("A project: one team's annotation work, whose events Annometrics records.")
public record Project(
        @Id @NonNull @Description("The project's identifier, chosen at creation; events name it as projectId.") String id,
        @NonNull @Description("Name shown to people.") String name,
        @Description("IANA time zone in which the project's days are counted when a filter names none; null means UTC.") String timeZone) {
}
