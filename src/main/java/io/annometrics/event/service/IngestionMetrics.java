package io.annometrics.event.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of recorded events for {@code /q/metrics}: {@code annometrics_events_total{outcome=...}}. */
@ApplicationScoped
public class IngestionMetrics {

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    IngestionMetrics(MeterRegistry registry) {
        accepted = counter(registry, "accepted");
        duplicates = counter(registry, "duplicate");
        rejected = counter(registry, "rejected");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("annometrics.events").tag("outcome", outcome)
                .description("Events received, by what became of them").register(registry);
    }

    void counted(int acceptedEvents, int duplicateEvents, int rejectedEvents) {
        accepted.increment(acceptedEvents);
        duplicates.increment(duplicateEvents);
        rejected.increment(rejectedEvents);
    }
}
