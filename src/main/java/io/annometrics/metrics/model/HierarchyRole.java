package io.annometrics.metrics.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** A person's place in the review hierarchy. */
@Enum("HierarchyRole")
@Description("A person's place in the review hierarchy.")
public enum HierarchyRole {

    @Description("Oversees two or more people: has two or more children in the tree (drawn orange).")
    SUPERVISOR,

    @Description("Oversees exactly one person: has one child in the tree.")
    REVIEWER,

    @Description("Takes part in corrections but oversees nobody: a leaf of the tree (drawn green).")
    SPECIALIST,

    @Description("No correction in either direction in the window: nobody reviews their work and they review nobody's.")
    UNCONNECTED
}
