package io.annometrics.event.model;

import java.util.Optional;

/** What one person did to one annotation. */
public enum EventType {
    /** Drew or otherwise produced the annotation; its actor is the annotation's author. */
    ANNOTATION_CREATED,
    /** Changed the annotation: a correction when the actor is not the author. */
    ANNOTATION_UPDATED,
    /** Removed the annotation: a correction when the actor is not the author. */
    ANNOTATION_DELETED,
    /** Reviewed the annotation and kept it as it is. */
    ANNOTATION_ACCEPTED,
    /** Reviewed the annotation and sent it back. */
    ANNOTATION_REJECTED;

    private static final EventType[] ALL = values();

    /** The type named exactly {@code name}, if there is one. */
    public static Optional<EventType> parse(String name) {
        for (EventType type : ALL) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether an event of this type, by someone other than the author, is a correction. */
    public boolean isEdit() {
        return this == ANNOTATION_UPDATED || this == ANNOTATION_DELETED;
    }
}
