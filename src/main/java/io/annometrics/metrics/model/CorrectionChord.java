package io.annometrics.metrics.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The Relationship view. */
@Type("CorrectionChord")
@Description("Relationship view: correction flows for a chord diagram (arcs sized by totals, ribbons from matrix).")
public record CorrectionChord(
        @NonNull @Description("Everyone with at least one correction in either direction; largest total first, then by name; beyond the limit of people (200 by default) the rest are summed into one last entry \"(others)\".") List<@NonNull String> users,
        @NonNull @Description("matrix[i][j] = corrections by users[i] of annotations authored by users[j]; the diagonal is 0.") List<@NonNull List<@NonNull Integer>> matrix,
        @NonNull @Description("totals[i] = row i's sum plus column i's sum: corrections users[i] made plus corrections made to their work.") List<@NonNull Integer> totals) {
}
