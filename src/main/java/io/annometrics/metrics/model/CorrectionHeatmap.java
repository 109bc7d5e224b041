package io.annometrics.metrics.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The Heatmap view. */
@Type("CorrectionHeatmap")
@Description("Heatmap view: who corrects whom, as a grid with annotators as rows and editors as columns.")
public record CorrectionHeatmap(
        @NonNull @Description("Row labels: users who created an annotation in the window or whose work was corrected in it; most corrected first, then by name. An annotator whose work nobody corrected keeps a row of zeros. Beyond the limit of people (200 by default) the rest form one last row \"(others)\".") List<@NonNull String> annotators,
        @NonNull @Description("Column labels: users who made a correction in the window; most corrections made first, then by name; beyond the limit of people one last column \"(others)\".") List<@NonNull String> editors,
        @NonNull @Description("counts[i][j] = corrections by editors[j] of annotations authored by annotators[i].") List<@NonNull List<@NonNull Integer>> counts) {
}
