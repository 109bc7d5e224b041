package io.annometrics.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark reads of the running service beside its answers: heap and view timers from
 * {@code /q/metrics}, and the resident set size of its process from {@code /proc}.
 */
final class ServiceProbe {

    private static final Pattern VIEW_TAG = Pattern.compile("view=\"([^\"]+)\"");

    private final URI base;
    private final long pid;

    ServiceProbe(URI base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    /** The Prometheus text of {@code /q/metrics}. */
    String metrics(HttpClient http) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/metrics")).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap",...}} over the heap pools, in bytes. */
    long heapUsedBytes(HttpClient http) throws IOException, InterruptedException {
        double sum = 0;
        boolean found = false;
        for (String line : metrics(http).split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += value(line);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("/q/metrics has no jvm_memory_used_bytes of the heap");
        }
        return (long) sum;
    }

    /**
     * The service's own timer of each view ({@code annometrics_view_seconds}, measured around the
     * view's service method): view name to {count, sum of seconds}.
     */
    Map<String, double[]> viewTimers(HttpClient http) throws IOException, InterruptedException {
        Map<String, double[]> timers = new HashMap<>();
        for (String line : metrics(http).split("\n")) {
            boolean count = line.startsWith("annometrics_view_seconds_count{");
            if (count || line.startsWith("annometrics_view_seconds_sum{")) {
                Matcher view = VIEW_TAG.matcher(line);
                if (view.find()) {
                    timers.computeIfAbsent(view.group(1), v -> new double[2])[count ? 0 : 1] += value(line);
                }
            }
        }
        return timers;
    }

    /**
     * The server's time on RecordEvents requests so far, in seconds: {count and sum of
     * {@code http_server_requests_seconds} for POST /graphql, count and sum of the service method's
     * {@code annometrics_ingestion_seconds{path="recordEvents"}}}.
     */
    double[] recordEventsTimers(HttpClient http) throws IOException, InterruptedException {
        double[] timers = new double[4];
        for (String line : metrics(http).split("\n")) {
            boolean graphqlPost = line.contains("uri=\"/graphql\"") && line.contains("method=\"POST\"");
            boolean recordEvents = line.contains("path=\"recordEvents\"");
            if (graphqlPost && line.startsWith("http_server_requests_seconds_count{")) {
                timers[0] += value(line);
            } else if (graphqlPost && line.startsWith("http_server_requests_seconds_sum{")) {
                timers[1] += value(line);
            } else if (recordEvents && line.startsWith("annometrics_ingestion_seconds_count{")) {
                timers[2] += value(line);
            } else if (recordEvents && line.startsWith("annometrics_ingestion_seconds_sum{")) {
                timers[3] += value(line);
            }
        }
        return timers;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Resident set size of the service's process (VmRSS), in bytes; -1 where /proc is not available. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
