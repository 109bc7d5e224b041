package io.annometrics.metrics.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One bar of a bar chart. */
@Type("UserCount")
@Description("One bar of a bar chart: a person and their count.")
public record UserCount(
        @NonNull @Description("The person, as the SSO token names them; \"(others)\" for the last entry of a list cut at the service's limit of people (annometrics.metrics.max-people, 200 by default), summing everyone beyond it.") String user,
        @Description("The count this view measures for the person.") int count) {
}
