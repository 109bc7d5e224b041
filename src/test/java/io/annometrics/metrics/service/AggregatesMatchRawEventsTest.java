package io.annometrics.metrics.service;

import static io.annometrics.support.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.annometrics.metrics.model.MetricsFilter;
import io.annometrics.metrics.repository.AggregateMetricsRepository;
import io.annometrics.metrics.repository.RawMetricsRepository;
import io.annometrics.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Property: on random projects, sent in random batches and orders (so that corrections often arrive
 * before their annotation's creation, and earlier creations arrive late and change authors), every
 * view answered from the aggregates equals the same view computed from the raw events, for random
 * windows in zones with whole, half-hour and 45-minute offsets and daylight saving.
 */
@QuarkusTest
class AggregatesMatchRawEventsTest {

    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York",
            "Australia/Adelaide", "Pacific/Chatham", "America/St_Johns", "Europe/Berlin");
    private static final String[] TYPES = { "ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATION_DELETED",
            "ANNOTATION_ACCEPTED", "ANNOTATION_REJECTED" };
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final int DAYS = 90;

    @Inject
    MetricsService metrics;

    @Inject
    AggregateMetricsRepository aggregates;

    @Inject
    RawMetricsRepository raw;

    @Test
    @TestSecurity(user = "root@example.com", roles = "annometrics-admin")
    void everyViewFromTheAggregatesEqualsTheSameViewFromTheRawEvents() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            String project = Fixtures.project();
            List<Map<String, Object>> events = randomEvents(project, random);
            Collections.shuffle(events, random);
            for (int start = 0; start < events.size();) {
                int size = 1 + random.nextInt(400);
                Fixtures.record(events.subList(start, Math.min(events.size(), start + size)));
                start += size;
            }
            for (int i = 0; i < 40; i++) {
                MetricsFilter filter = randomFilter(project, random);
                String context = "seed " + seed + ", filter " + describe(filter);
                compare(filter, metrics::activityCalendar, context + ", activityCalendar");
                compare(filter, metrics::annotationsCreated, context + ", annotationsCreated");
                compare(filter, metrics::reworks, context + ", reworks");
                compare(filter, metrics::correctionHeatmap, context + ", correctionHeatmap");
                compare(filter, metrics::reviewHierarchy, context + ", reviewHierarchy");
                compare(filter, metrics::correctionChord, context + ", correctionChord");
            }
        }
    }

    private <T> void compare(MetricsFilter filter, Function<MetricsService.Scope, T> view, String context) {
        T fromAggregates = view.apply(metrics.scope(filter, aggregates));
        T fromRaw = view.apply(metrics.scope(filter, raw));
        assertEquals(fromRaw, fromAggregates, context);
    }

    private static List<Map<String, Object>> randomEvents(String project, Random random) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add("user-" + i);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        int id = 0;
        for (int a = 0; a < 150; a++) {
            String annotation = "ann-" + a;
            long createdAt = random.nextInt(DAYS * 86_400);
            String creator = users.get(skewed(random, users.size()));
            int kind = random.nextInt(20);
            if (kind > 1) {
                events.add(at(event(project, "e" + id++, TYPES[0], creator, annotation, null), createdAt));
            }
            if (kind > 15) {
                // A second creation: whichever is earlier names the author.
                events.add(at(event(project, "e" + id++, TYPES[0], users.get(random.nextInt(users.size())), annotation, null),
                        createdAt + random.nextInt(2 * 86_400) - 86_400));
            }
            int followUps = random.nextInt(7);
            for (int f = 0; f < followUps; f++) {
                String actor = random.nextInt(4) == 0 ? creator : users.get(skewed(random, users.size()));
                Map<String, Object> followUp = event(project, "e" + id++, TYPES[1 + random.nextInt(4)], actor, annotation, null);
                if (kind == 1 || random.nextInt(6) == 0) {
                    followUp.put("author", random.nextInt(5) == 0 ? users.get(random.nextInt(users.size())) : creator);
                }
                if (random.nextInt(3) == 0) {
                    followUp.put("label", random.nextBoolean() ? "crack" : "hotspot");
                }
                events.add(at(followUp, createdAt + random.nextInt(10 * 86_400)));
            }
        }
        return events;
    }

    /** An index biased towards the first few users, as real teams are. */
    private static int skewed(Random random, int size) {
        return Math.min(size - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * size / 3.0));
    }

    private static Map<String, Object> at(Map<String, Object> event, long secondsAfterEpoch) {
        // Milliseconds too, so that events fall anywhere within a slot, not only on its start.
        long millis = Math.max(0, secondsAfterEpoch) * 1000 + Math.floorMod(secondsAfterEpoch * 7919, 1000);
        event.put("occurredAt", EPOCH.plusMillis(millis).toString());
        return event;
    }

    private static MetricsFilter randomFilter(String project, Random random) {
        LocalDate from = random.nextInt(5) == 0 ? null : LocalDate.of(2025, 12, 28).plusDays(random.nextInt(DAYS + 10));
        LocalDate to = random.nextInt(5) == 0 ? null
                : (from == null ? LocalDate.of(2026, 1, 1).plusDays(random.nextInt(DAYS)) : from.plusDays(random.nextInt(60)));
        String zone = ZONES.get(random.nextInt(ZONES.size()));
        List<String> users = random.nextInt(4) == 0 ? List.of("user-0", "user-" + (1 + random.nextInt(11))) : null;
        return new MetricsFilter(project, from, to, zone, users, null);
    }

    private static String describe(MetricsFilter filter) {
        return filter.getFrom() + ".." + filter.getTo() + " " + filter.getTimeZone() + " users=" + filter.getUsers();
    }
}
