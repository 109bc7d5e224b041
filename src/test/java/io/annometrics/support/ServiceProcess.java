package io.annometrics.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a separate process in
 * production mode, as Kubernetes runs it; its output goes to a log file under target/.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the packaged service with these environment variables (plus a free HTTP port). */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, String... jvmOptions)
            throws IOException {
        int port = freePort();
        Path log = Path.of("target", name + ".log");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.util.List.of(jvmOptions));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        return new ServiceProcess(builder.start(), port, log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until /q/health/ready answers 200. */
    public ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service stopped at start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service was not ready within " + timeout + ":\n" + Files.readString(log));
    }

    /** What the service wrote so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged application, built by {@code ./mvnw package}. */
    public static Path packagedJar() {
        Path jar = Path.of(System.getProperty("annometrics.jar", "target" + File.separator + "quarkus-app" + File.separator + "quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: run ./mvnw verify, which packages before integration tests");
        }
        return jar;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
