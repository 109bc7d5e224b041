package io.annometrics.metrics.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One person in the review hierarchy. */
@Type("HierarchyNode")
@Description("One person in the review hierarchy.")
public record HierarchyNode(
        @NonNull @Description("The person.") String user,
        @Description("The person who oversees them: the editor chosen for them by the maximum-weight branching; null for a root.") String parent,
        @NonNull @Description("Their place in the tree.") HierarchyRole role,
        @Description("Corrections the parent made to this person's work in the window; 0 for a root.") int parentCorrections,
        @Description("Corrections this person made to other people's work in the window.") int correctionsMade,
        @Description("Corrections other people made to this person's work in the window.") int correctionsReceived) {
}
