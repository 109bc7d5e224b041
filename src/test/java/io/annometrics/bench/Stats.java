package io.annometrics.bench;

import java.util.Arrays;

/** Latency samples of one measurement (nanoseconds), summarised as nearest-rank percentiles in milliseconds. */
final class Stats {

    private final long[] sorted;

    private Stats(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    static Stats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return new Stats(nanos);
    }

    int count() {
        return sorted.length;
    }

    double p50Ms() {
        return percentileMs(0.50);
    }

    double p95Ms() {
        return percentileMs(0.95);
    }

    /** Nearest-rank percentile: the smallest sample that at least {@code p} of the samples do not exceed. */
    double percentileMs(double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
