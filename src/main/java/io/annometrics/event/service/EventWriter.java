package io.annometrics.event.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.annometrics.common.error.NotFoundException;
import io.annometrics.event.model.AnnotationKey;
import io.annometrics.event.model.AuthorshipEvidence;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.model.StoredEdit;
import io.annometrics.event.repository.AggregateRepository;
import io.annometrics.event.repository.EventRepository;
import io.annometrics.event.repository.EventRepository.EventKey;

/**
 * Writes validated events and keeps everything derived from them in step, inside the caller's
 * transaction: the log, who authored each annotation, and the aggregates the views read. A correction
 * stored before its annotation's author was known is counted as soon as the author becomes known, and
 * moved when an earlier creation event reveals another author.
 */
@ApplicationScoped
public class EventWriter {

    @Inject
    EventRepository events;

    @Inject
    AggregateRepository aggregates;

    /**
     * @param sorted events distinct by (projectId, id), sorted by that key
     * @return how many of them were new
     */
    public int write(List<NewEvent> sorted) throws SQLException {
        Set<String> projects = new TreeSet<>();
        sorted.forEach(e -> projects.add(e.projectId()));
        projects.removeAll(events.lockProjects(projects));
        if (!projects.isEmpty()) {
            // Checked before the batch was written; deleted since.
            throw new NotFoundException("Project '" + projects.iterator().next()
                    + "' no longer exists; none of this batch's events were stored.");
        }
        Set<EventKey> inserted = events.insertNew(sorted);
        List<NewEvent> fresh = sorted.stream()
                .filter(e -> inserted.contains(new EventKey(e.projectId(), e.eventId())))
                .toList();
        if (fresh.isEmpty()) {
            return 0;
        }

        // Who authored the annotations these events touch, before and after this batch. Annotations
        // that have no row yet get one with this batch's evidence, written once; the others are locked
        // and updated where the evidence changes them.
        Map<AnnotationKey, AuthorshipEvidence> evidence = new TreeMap<>();
        fresh.forEach(e -> evidence.put(AnnotationKey.of(e), null));
        AuthorshipEvidence.of(fresh).forEach(a -> evidence.put(new AnnotationKey(a.projectId(), a.annotationId()), a));
        List<AuthorshipEvidence> claims = new ArrayList<>();
        evidence.forEach((key, found) -> claims.add(found != null ? found : AuthorshipEvidence.unknown(key.projectId(), key.annotationId())));
        Set<AnnotationKey> claimed = events.claimAuthorship(claims);
        List<AnnotationKey> existing = evidence.keySet().stream().filter(key -> !claimed.contains(key)).toList();
        Map<AnnotationKey, AuthorshipEvidence> before = events.lockAuthorship(existing);
        Map<AnnotationKey, AuthorshipEvidence> after = new HashMap<>();
        List<AuthorshipEvidence> changedRows = new ArrayList<>();
        List<AnnotationKey> changedAuthors = new ArrayList<>();
        for (AnnotationKey key : evidence.keySet()) {
            AuthorshipEvidence found = evidence.get(key);
            if (claimed.contains(key)) {
                after.put(key, found != null ? found : AuthorshipEvidence.unknown(key.projectId(), key.annotationId()));
                continue;
            }
            AuthorshipEvidence old = before.getOrDefault(key, AuthorshipEvidence.unknown(key.projectId(), key.annotationId()));
            AuthorshipEvidence now = found != null ? old.merge(found) : old;
            after.put(key, now);
            if (!now.equals(old)) {
                changedRows.add(now);
            }
            if (!Objects.equals(old.author(), now.author())) {
                changedAuthors.add(key);
            }
        }
        events.updateAuthorship(changedRows);

        AggregateDeltas deltas = new AggregateDeltas();
        // Corrections stored earlier move from the old author (if any) to the new one.
        Set<String> freshIds = new HashSet<>();
        fresh.forEach(e -> freshIds.add(e.projectId() + '\u0000' + e.eventId()));
        for (StoredEdit edit : events.editsOf(changedAuthors)) {
            if (freshIds.contains(edit.projectId() + '\u0000' + edit.eventId())) {
                continue;
            }
            AnnotationKey key = new AnnotationKey(edit.projectId(), edit.annotationId());
            String oldAuthor = before.containsKey(key) ? before.get(key).author() : null;
            deltas.addCorrection(edit.projectId(), edit.occurredAt(), edit.actor(), oldAuthor, -1);
            deltas.addCorrection(edit.projectId(), edit.occurredAt(), edit.actor(), after.get(key).author(), 1);
        }
        // The new events themselves.
        for (NewEvent event : fresh) {
            deltas.addActivity(event);
            if (event.type().isEdit()) {
                deltas.addCorrection(event.projectId(), event.occurredAt(), event.actor(), after.get(AnnotationKey.of(event)).author(), 1);
            }
        }
        aggregates.apply(deltas);
        return fresh.size();
    }
}
