package io.annometrics.metrics.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The Hierarchy view. */
@Type("ReviewHierarchy")
@Description("Hierarchy view: who oversees whom, as a forest (reviewers on top, the annotators they correct below).")
public record ReviewHierarchy(
        @NonNull @Description("One node per person active in the window (acted, or had work corrected). Parents are listed before their children; roots in order of name, each followed by its subtree (children by name).") List<@NonNull HierarchyNode> nodes) {
}
