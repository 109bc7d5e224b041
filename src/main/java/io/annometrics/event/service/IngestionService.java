package io.annometrics.event.service;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.annometrics.common.error.AnnometricsException;
import io.annometrics.common.error.BadRequestException;
import io.annometrics.common.error.ForbiddenException;
import io.annometrics.common.error.InternalException;
import io.annometrics.config.AnnometricsConfig;
import io.annometrics.event.model.BulkReport;
import io.annometrics.event.model.BulkReport.RejectedLine;
import io.annometrics.event.model.EventInput;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.model.RecordEventsResult;
import io.annometrics.event.model.RejectedEvent;
import io.annometrics.event.repository.EventRepository.EventKey;
import io.annometrics.project.model.ProjectRole;
import io.annometrics.security.ProjectAccess;
import io.annometrics.security.ProjectAccess.Decision;
import io.annometrics.security.ProjectAccess.Verdict;
import io.micrometer.core.annotation.Timed;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Records events: validates each event on its own, then stores the valid ones idempotently by
 * (projectId, id). Serves both the GraphQL batches and NDJSON uploads, which are cut into batches of
 * the bulk batch size. A transaction stores a GraphQL batch (all or none of it), a part of a large
 * GraphQL batch, or a batch of an upload; parts, and an upload's batches, are written at the same time.
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);
    /** Concurrent batches that touch the same annotations may deadlock once in a while: retried. */
    private static final int ATTEMPTS = 3;
    /** Longest NDJSON line accepted: an event is far smaller. */
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Comparator<NewEvent> BY_KEY = Comparator.comparing(NewEvent::projectId)
            .thenComparing(NewEvent::eventId);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Inject
    EventWriter writer;

    @Inject
    ProjectAccess access;

    @Inject
    AnnometricsConfig config;

    @Inject
    IngestionMetrics metrics;

    Clock clock = Clock.systemUTC();

    /** Writes the batches of uploads, so that an upload reads its next batch meanwhile. */
    private final ExecutorService writers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "annometrics-batch-writer");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stopWriters() {
        writers.shutdown();
    }

    /** A RecordEvents batch. A project where the caller holds a lesser role than PRODUCER fails it whole. */
    @Timed(value = "annometrics.ingestion", extraTags = { "path", "recordEvents" }, description = "Time to check and store a batch or an upload")
    public RecordEventsResult record(List<EventInput> batch) {
        int max = config.ingestion().maxBatchSize();
        if (batch.size() > max) {
            throw new BadRequestException("events: a batch may hold at most " + max + " events; this one holds "
                    + batch.size() + ". Split it into smaller batches.");
        }
        int[] indexes = new int[batch.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        Checked checked = check(batch, indexes, false);
        return result(checked, storeInParts(checked.storable()));
    }

    /**
     * An NDJSON upload: one event per line, read as a stream and stored in batches, each batch in its
     * own transaction. Every line is accounted for; a line that is not an event, or whose project the
     * caller may not write, is rejected on its own.
     */
    @Timed(value = "annometrics.ingestion", extraTags = { "path", "upload" }, description = "Time to check and store a batch or an upload")
    public BulkReport recordStream(InputStream body) {
        int batchSize = config.ingestion().bulkBatchSize();
        NdjsonLines lines = new NdjsonLines(body, MAX_LINE_BYTES);
        List<EventInput> batch = new ArrayList<>(batchSize);
        int[] lineNumbers = new int[batchSize];
        Tally tally = new Tally();
        // While batches are written (each in its own transaction, on writer threads), the next one is
        // read, parsed and checked here. A bounded number of batches is in flight, so memory stays flat.
        int writersAllowed = Math.max(1, config.ingestion().bulkWriters());
        Deque<InFlight> inFlight = new ArrayDeque<>();
        try {
            for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                tally.lines = line.number();
                EventInput input = parse(line, tally);
                if (input == null) {
                    continue;
                }
                lineNumbers[batch.size()] = Math.toIntExact(line.number());
                batch.add(input);
                if (batch.size() == batchSize) {
                    Checked checked = check(batch, lineNumbers, true);
                    batch.clear();
                    if (inFlight.size() == writersAllowed) {
                        tally.add(finish(inFlight.removeFirst()));
                    }
                    inFlight.addLast(new InFlight(checked, writers.submit(() -> store(checked.storable()))));
                }
            }
        } catch (IOException e) {
            finishAll(inFlight, tally);
            tally.add(recordUploadBatch(batch, lineNumbers));
            throw new BadRequestException("The upload broke off after line " + tally.lines + " (" + e.getMessage()
                    + "). Everything before it that was reported accepted is stored; sending the whole upload again is safe.");
        } catch (RuntimeException e) {
            // A batch failed: the answer is an error, but no write is left running behind it.
            inFlight.forEach(batchInFlight -> awaitQuietly(batchInFlight.stored()));
            throw e;
        }
        finishAll(inFlight, tally);
        tally.add(recordUploadBatch(batch, lineNumbers));
        return tally.report();
    }

    /** Waits for every batch in flight; the first failure is thrown once all have ended. */
    private void finishAll(Deque<InFlight> inFlight, Tally tally) {
        RuntimeException failure = null;
        while (!inFlight.isEmpty()) {
            try {
                tally.add(finish(inFlight.removeFirst()));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void awaitQuietly(Future<Integer> write) {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debugf("A batch of a failed upload failed too: %s", e.getCause());
        }
    }

    /** A batch being written: what was checked, and how many events the write stored. */
    private record InFlight(Checked checked, Future<Integer> stored) {
    }

    /** Waits for a batch in flight and answers its result. */
    private RecordEventsResult finish(InFlight inFlight) {
        return result(inFlight.checked(), awaitStored(inFlight.stored()));
    }

    /**
     * Waits for a write on a writer thread: how many events it stored, or its failure ({@link #store}
     * has already turned database failures into answers for the caller).
     */
    private static int awaitStored(Future<Integer> write) {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("Storing was interrupted while events were being written; sending them again is safe.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            LOG.error("Could not store a batch of events", e.getCause());
            throw new InternalException("The events could not be stored; sending the same events again is safe.");
        }
    }

    private EventInput parse(NdjsonLines.Line line, Tally tally) {
        if (line.problem() != null) {
            tally.reject(line.number(), null, line.problem());
            return null;
        }
        try {
            EventInput input = JSON.readValue(line.bytes(), 0, line.length(), EventInput.class);
            if (input == null) {
                tally.reject(line.number(), null, "The line is not a JSON object.");
            }
            return input;
        } catch (JsonProcessingException e) {
            tally.reject(line.number(), null, "The line is not a JSON event object: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            // Reading an array in memory: only a malformed line gets here.
            tally.reject(line.number(), null, "The line is not a JSON event object.");
            return null;
        }
    }

    /** Validates and stores the last batch of an upload; {@code lineNumbers[i]} is the line of {@code batch.get(i)}. */
    private RecordEventsResult recordUploadBatch(List<EventInput> batch, int[] lineNumbers) {
        Checked checked = check(batch, lineNumbers, true);
        return result(checked, store(checked.storable()));
    }

    /**
     * Stores a RecordEvents batch. One of at least {@code split-from} events is cut into
     * {@code bulk-writers} parts written at the same time, each in its own transaction, so that one
     * producer's large batches use more than one core of the database; smaller batches are stored all
     * or none.
     */
    private int storeInParts(List<NewEvent> storable) {
        int parts = storable.size() >= config.ingestion().splitFrom() ? Math.max(1, config.ingestion().bulkWriters()) : 1;
        if (parts == 1) {
            return store(storable);
        }
        // The events of one annotation go to the same part: two parts never wait for each other's
        // authorship rows, only briefly for the shared tally rows at their end.
        List<List<NewEvent>> split = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            split.add(new ArrayList<>(storable.size() / parts + 16));
        }
        for (NewEvent event : storable) {
            int hash = 31 * event.projectId().hashCode() + event.annotationId().hashCode();
            split.get(Math.floorMod(hash ^ (hash >>> 16), parts)).add(event);
        }
        List<Future<Integer>> others = new ArrayList<>();
        for (List<NewEvent> part : split.subList(1, parts)) {
            others.add(writers.submit(() -> store(part)));
        }
        int stored = 0;
        List<RuntimeException> failures = new ArrayList<>();
        try {
            stored += store(split.get(0));
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (Future<Integer> other : others) {
            try {
                stored += awaitStored(other);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (failures.isEmpty()) {
            return stored;
        }
        RuntimeException first = failures.get(0);
        if (failures.size() == others.size() + 1 || !(first instanceof InternalException)) {
            throw first;
        }
        throw new InternalException("Part of this batch could not be stored because the database failed; the rest was. "
                + "Sending the same batch again is safe: the events already stored count as duplicates.");
    }

    /** A batch after validation and access checks: the events to store, and what is already known of the others. */
    private record Checked(List<NewEvent> storable, List<RejectedEvent> rejected, int duplicatesInBatch) {
    }

    /**
     * Validates a batch and checks the caller's access to its projects. {@code positions[i]} is what
     * rejections report for {@code batch.get(i)}: its index in a GraphQL batch, its line in an upload.
     */
    private Checked check(List<EventInput> batch, int[] positions, boolean refusalsAsRejections) {
        Instant now = clock.instant();
        List<RejectedEvent> rejected = new ArrayList<>();
        List<NewEvent> valid = new ArrayList<>();
        List<Integer> validPositions = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            EventValidator.Checked checked = EventValidator.check(positions[i], batch.get(i), now);
            if (checked.isAccepted()) {
                valid.add(checked.event());
                validPositions.add(positions[i]);
            } else {
                rejected.add(checked.rejection());
            }
        }

        Map<String, Decision> decisions = access.decide(projectIds(valid), ProjectRole.PRODUCER);
        if (!refusalsAsRejections) {
            decisions.values().stream().filter(d -> d.verdict() == Verdict.FORBIDDEN).findFirst().ifPresent(d -> {
                throw new ForbiddenException(d.message());
            });
        }
        List<NewEvent> storable = new ArrayList<>();
        Set<EventKey> seen = new HashSet<>();
        int duplicatesInBatch = 0;
        for (int i = 0; i < valid.size(); i++) {
            NewEvent event = valid.get(i);
            Decision decision = decisions.get(event.projectId());
            if (!decision.allowed()) {
                rejected.add(new RejectedEvent(validPositions.get(i), event.eventId(),
                        "projectId '" + event.projectId() + "': " + decision.message()));
            } else if (!seen.add(new EventKey(event.projectId(), event.eventId()))) {
                duplicatesInBatch++;
            } else {
                storable.add(event);
            }
        }
        rejected.sort(Comparator.comparingInt(RejectedEvent::index));
        return new Checked(storable, rejected, duplicatesInBatch);
    }

    /** The result of a checked batch of which {@code accepted} events were new. */
    private RecordEventsResult result(Checked checked, int accepted) {
        int duplicates = checked.storable().size() - accepted + checked.duplicatesInBatch();
        metrics.counted(accepted, duplicates, checked.rejected().size());
        return new RecordEventsResult(accepted, duplicates, checked.rejected());
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

    /** Running totals of an upload, with a bounded list of rejected lines. */
    private final class Tally {
        long lines;
        long accepted;
        long duplicates;
        long rejectedCount;
        final List<RejectedLine> rejections = new ArrayList<>();

        void reject(long line, String id, String reason) {
            rejectedCount++;
            if (rejections.size() < BulkReport.MAX_LISTED) {
                rejections.add(new RejectedLine(line, id, reason));
            }
        }

        void add(RecordEventsResult result) {
            accepted += result.accepted();
            duplicates += result.duplicates();
            result.rejected().forEach(r -> reject(r.index(), r.id(), r.reason()));
        }

        BulkReport report() {
            List<RejectedLine> sorted = rejections.stream().sorted(Comparator.comparingLong(RejectedLine::line)).toList();
            return new BulkReport(lines, accepted, duplicates, rejectedCount, sorted, rejectedCount > sorted.size());
        }
    }
}
