package io.annometrics.event.model;

import java.util.Comparator;

/** An annotation: its id is unique within its project only. */
public record AnnotationKey(String projectId, String annotationId) implements Comparable<AnnotationKey> {

    private static final Comparator<AnnotationKey> ORDER = Comparator.comparing(AnnotationKey::projectId)
            .thenComparing(AnnotationKey::annotationId);

    public static AnnotationKey of(NewEvent event) {
        return new AnnotationKey(event.projectId(), event.annotationId());
    }

    @Override
    public int compareTo(AnnotationKey other) {
        return ORDER.compare(this, other);
    }
}
