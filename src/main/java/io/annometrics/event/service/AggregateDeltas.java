package io.annometrics.event.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.annometrics.aggregate.TallyLevel;
import io.annometrics.event.model.EventType;
import io.annometrics.event.model.NewEvent;

/**
 * What one batch changes in the aggregates: counts to add (or, when late attribution moves a
 * correction to another author, to take away) per 15-minute slot. Day, month and calendar-profile
 * changes follow from the slot changes. Kept in hash maps while a batch is counted; the repository
 * sorts the rows it writes, so that every transaction updates aggregate rows in the same order.
 */
public final class AggregateDeltas {

    /** Length of a slot: every IANA zone offset in use is a multiple of it. */
    public static final long SLOT_SECONDS = TallyLevel.SLOT_SECONDS;
    /** Slots in a UTC day. */
    public static final int SLOTS_PER_DAY = 96;

    /** Events and creations of one actor in one slot. */
    public record ActivityKey(String projectId, Instant slot, String actor) {
    }

    /** Corrections of one editor to one author's work in one slot. */
    public record CorrectionKey(String projectId, Instant slot, String editor, String author) {
    }

    /** Changed counts: events and creations. */
    public record Activity(long events, long created) {
        Activity plus(Activity other) {
            return new Activity(events + other.events, created + other.created);
        }
    }

    private final Map<ActivityKey, Activity> activity = new HashMap<>();
    private final Map<CorrectionKey, Long> corrections = new HashMap<>();

    /** The slot that holds {@code instant}. */
    public static Instant slotOf(Instant instant) {
        return TallyLevel.SLOT.bucketOf(instant);
    }

    /** The UTC day of a slot. */
    public static LocalDate dayOf(Instant slot) {
        return LocalDate.ofInstant(slot, ZoneOffset.UTC);
    }

    /** The position of a slot within its UTC day, 0 to 95. */
    public static int slotIndex(Instant slot) {
        return (int) (Math.floorMod(slot.getEpochSecond(), 86_400L) / SLOT_SECONDS);
    }

    /** Counts a new event as activity of its actor. */
    public void addActivity(NewEvent event) {
        Activity change = new Activity(1, event.type() == EventType.ANNOTATION_CREATED ? 1 : 0);
        activity.merge(new ActivityKey(event.projectId(), slotOf(event.occurredAt()), event.actor()), change, Activity::plus);
    }

    /**
     * Adds {@code sign} (1 or -1) corrections by {@code editor} of {@code author}'s work at {@code at};
     * nothing when the author is unknown or is the editor (editing one's own work is no correction).
     */
    public void addCorrection(String projectId, Instant at, String editor, String author, int sign) {
        if (author == null || author.equals(editor)) {
            return;
        }
        corrections.merge(new CorrectionKey(projectId, slotOf(at), editor, author), (long) sign, Long::sum);
    }

    /** Activity changes, in no particular order. */
    public Map<ActivityKey, Activity> activity() {
        return activity;
    }

    /** Correction changes, in no particular order; changes that cancel out are left out. */
    public Map<CorrectionKey, Long> corrections() {
        Map<CorrectionKey, Long> nonZero = new HashMap<>();
        corrections.forEach((key, change) -> {
            if (change != 0) {
                nonZero.put(key, change);
            }
        });
        return nonZero;
    }

    /** Events per project, UTC day and slot index, for the calendar profiles; sorted by project and day. */
    public Map<String, Map<LocalDate, long[]>> profiles() {
        Map<String, Map<LocalDate, long[]>> profiles = new TreeMap<>();
        activity.forEach((key, change) -> profiles.computeIfAbsent(key.projectId(), p -> new TreeMap<>())
                .computeIfAbsent(dayOf(key.slot()), d -> new long[SLOTS_PER_DAY])[slotIndex(key.slot())] += change.events());
        return profiles;
    }

    public boolean isEmpty() {
        return activity.isEmpty() && corrections().isEmpty();
    }
}
