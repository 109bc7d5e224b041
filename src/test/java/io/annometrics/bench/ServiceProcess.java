package io.annometrics.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service, run as a child process ({@code java -Xmx256m -jar quarkus-run.jar}) with its
 * output in a log file. Knows how to wait for readiness, read its heap from {@code /q/metrics} and its
 * resident set size from {@code /proc}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern VIEW_TAG = Pattern.compile("view=\"([^\"]+)\"");

    private final Process process;
    private final URI base;
    private final Path log;

    private ServiceProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the service on a free port with {@code environment} added to this process's environment. */
    static ServiceProcess start(Path jar, String maxHeap, Map<String, String> environment, Path log) throws IOException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + maxHeap, "-jar", jar.toString())
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        return new ServiceProcess(process, URI.create("http://127.0.0.1:" + port), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails early if the process dies. */
    void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with code " + process.exitValue() + " before it was ready:\n"
                        + logTail(40));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service was not ready within " + timeout + ":\n" + logTail(40));
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

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Resident set size of the child process (VmRSS), in bytes; -1 where /proc is not available. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
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

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the service: SIGTERM, then SIGKILL if it has not exited after 30 seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
