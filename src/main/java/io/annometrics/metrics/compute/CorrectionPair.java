package io.annometrics.metrics.compute;

/** {@code count} corrections that {@code editor} made to annotations authored by {@code author}. */
public record CorrectionPair(String editor, String author, long count) {
}
