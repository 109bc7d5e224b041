package io.annometrics.event.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.annometrics.common.error.AnnometricsException;
import io.annometrics.common.error.BadRequestException;
import io.annometrics.common.error.InternalException;
import io.annometrics.config.AnnometricsConfig;
import io.annometrics.event.model.EventInput;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.model.RecordEventsResult;
import io.annometrics.event.model.RejectedEvent;
import io.annometrics.event.repository.EventRepository.EventKey;
import io.annometrics.project.model.Project;
import io.annometrics.project.model.ProjectRole;
import io.annometrics.security.ProjectAccess;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Records batches of events: validates each event on its own, then stores the valid ones of a batch
 * in one transaction (all or none of them), idempotently by (projectId, id).
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);
    /** Concurrent batches that touch the same annotations may deadlock once in a while: retried. */
    private static final int ATTEMPTS = 3;
    private static final Comparator<NewEvent> BY_KEY = Comparator.comparing(NewEvent::projectId)
            .thenComparing(NewEvent::eventId);

    @Inject
    EventWriter writer;

    @Inject
    ProjectAccess access;

    @Inject
    AnnometricsConfig config;

    Clock clock = Clock.systemUTC();

    public RecordEventsResult record(List<EventInput> batch) {
        int max = config.ingestion().maxBatchSize();
        if (batch.size() > max) {
            throw new BadRequestException("events: a batch may hold at most " + max + " events; this one holds "
                    + batch.size() + ". Split it into smaller batches.");
        }
        Instant now = clock.instant();
        List<RejectedEvent> rejected = new ArrayList<>();
        List<NewEvent> valid = new ArrayList<>();
        List<Integer> validIndexes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            EventValidator.Checked checked = EventValidator.check(i, batch.get(i), now);
            if (checked.isAccepted()) {
                valid.add(checked.event());
                validIndexes.add(i);
            } else {
                rejected.add(checked.rejection());
            }
        }

        Map<String, Optional<Project>> projects = access.requireAll(projectIds(valid), ProjectRole.PRODUCER);
        List<NewEvent> storable = new ArrayList<>();
        Set<EventKey> seen = new HashSet<>();
        int duplicatesInBatch = 0;
        for (int i = 0; i < valid.size(); i++) {
            NewEvent event = valid.get(i);
            if (projects.get(event.projectId()).isEmpty()) {
                rejected.add(new RejectedEvent(validIndexes.get(i), event.eventId(),
                        "projectId '" + event.projectId() + "': " + ProjectAccess.projectNotFound().getMessage()));
            } else if (!seen.add(new EventKey(event.projectId(), event.eventId()))) {
                duplicatesInBatch++;
            } else {
                storable.add(event);
            }
        }
        rejected.sort(Comparator.comparingInt(RejectedEvent::index));

        int accepted = store(storable);
        return new RecordEventsResult(accepted, storable.size() - accepted + duplicatesInBatch, rejected);
    }

    /** Stores the events in one transaction; returns how many were new. */
    int store(List<NewEvent> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<NewEvent> sorted = batch.stream().sorted(BY_KEY).toList();
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> writer.write(sorted));
            } catch (AnnometricsException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && isTransient(e)) {
                    LOG.debugf("Retrying a batch after a transient database failure: %s", e.getMessage());
                    continue;
                }
                LOG.errorf(e, "Could not store a batch of %d events", batch.size());
                throw new InternalException("The events could not be stored because the database failed. "
                        + "None of this batch's events were stored; sending the same batch again is safe.");
            }
        }
    }

    private static Set<String> projectIds(List<NewEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.projectId()));
        return ids;
    }

    /** Deadlock or serialization failure: the transaction was rolled back and may simply run again. */
    private static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }
}
