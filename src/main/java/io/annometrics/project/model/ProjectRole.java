package io.annometrics.project.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** A user's role in one project. Each role includes the ones before it. */
@Enum("ProjectRole")
@Description("A user's role in one project; each role includes the ones listed before it.")
public enum ProjectRole {

    @Description("Reads the project's metrics.")
    VIEWER,

    @Description("Also records the project's events.")
    PRODUCER,

    @Description("Also grants roles in the project.")
    MANAGER;

    /** Whether this role allows everything that {@code required} allows. */
    public boolean includes(ProjectRole required) {
        return compareTo(required) >= 0;
    }
}
