package io.annometrics.sso;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak, run from the distribution that the build unpacks before the integration tests
 * (system property {@code keycloak.home}), with one realm imported from the test resources.
 *
 * <p>It runs in production mode ({@code kc.sh start}) with plain HTTP on the loopback interface, a local
 * cache instead of a cluster, and a fresh file database on every start, so the realm is always the one
 * of the test resources. Keycloak needs Java 21 or later, which the tests themselves do not: the JDK for
 * it is looked for apart (see {@link #javaHome()}). Its output goes to {@code target/keycloak.log}.
 */
final class KeycloakServer implements AutoCloseable {

    /** Keycloak's first start on a freshly unpacked distribution rebuilds it; allow for a slow machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int MINIMUM_JAVA = 21;
    /** Where Linux distributions and most JDK packages install JDKs: searched last. */
    private static final Path SYSTEM_JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final Pattern VERSIONED_JAVA_HOME = Pattern.compile("JAVA_HOME_(\\d+)(_\\w+)?");

    private final Process process;
    private final int port;
    private final String realm;
    private final Path log;
    private final Thread shutdownHook;

    private KeycloakServer(Process process, int port, String realm, Path log) {
        this.process = process;
        this.port = port;
        this.realm = realm;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcessTree, "keycloak-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Keycloak on a free port with the realm file {@code realmResource} (a class path resource whose
     * realm is named {@code realm}); {@link #awaitReady()} waits until it serves the realm.
     */
    static KeycloakServer start(String realmResource, String realm) throws IOException, InterruptedException {
        Path home = home();
        Path javaHome = javaHome();

        // A fresh database every time: an import skips a realm that exists already, which would keep the
        // realm of an earlier run after the realm file changed. Transactions of an earlier, killed run go too.
        deleteRecursively(home.resolve("data").resolve("h2"));
        deleteRecursively(home.resolve("data").resolve("transaction-logs"));
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        try (InputStream realmFile = KeycloakServer.class.getResourceAsStream(realmResource)) {
            if (realmFile == null) {
                throw new IllegalStateException("The realm file " + realmResource + " is not on the test class path");
            }
            Files.copy(realmFile, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }

        int port = freePort();
        Path log = Path.of("target", "keycloak.log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of("sh", home.resolve("bin").resolve("kc.sh").toString(), "start",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--hostname-strict=false",
                "--db=dev-file",
                "--cache=local",
                "--import-realm");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // Nothing of the caller's Keycloak or JVM settings may leak into this server.
        environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_")
                || name.equals("JAVA") || name.startsWith("JAVA_OPTS") || name.equals("JAVA_ADD_OPENS"));
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // The client compiler alone: on a two-core machine Keycloak starts, and rebuilds itself on its
        // first start, about a third faster; so short a run never profits from the optimizing compiler.
        environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-of-the-test-realm");

        return new KeycloakServer(builder.start(), port, realm, log);
    }

    /** Waits until the realm's discovery document answers 200. */
    KeycloakServer awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped at start (exit code " + process.exitValue() + "):\n" + logTail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve the realm '" + realm + "' within " + START_TIMEOUT + ":\n" + logTail());
    }

    /** The realm's issuer URL: the value of {@code quarkus.oidc.auth-server-url}. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** The realm's token endpoint. */
    String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The last lines Keycloak wrote. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
    }

    /**
     * Stops kc.sh and the JVM it started. The children are listed before the script is stopped: once it
     * is gone they would belong to no one and survive the test.
     */
    private void stopProcessTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(20);
        for (ProcessHandle handle : tree) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The unpacked distribution, named by the build. */
    private static Path home() {
        String property = System.getProperty("keycloak.home");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("The system property keycloak.home is not set: run this test with ./mvnw verify,"
                    + " which unpacks Keycloak before the integration tests");
        }
        Path home = Path.of(property).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            throw new IllegalStateException(home + " holds no Keycloak distribution (bin/kc.sh): run ./mvnw verify,"
                    + " whose pre-integration-test phase unpacks it");
        }
        return home;
    }

    /**
     * A JDK of version 21 or later for Keycloak: the newest among those named by {@code JAVA_HOME_<n>}
     * variables (as CI runners set them: {@code JAVA_HOME_21}, {@code JAVA_HOME_25_X64}...), the JVM
     * running the tests, {@code JAVA_HOME}, and the JDKs installed in the system's JVM directory.
     */
    static Path javaHome() {
        Map<Path, String> candidates = new LinkedHashMap<>();
        System.getenv().entrySet().stream()
                .filter(variable -> VERSIONED_JAVA_HOME.matcher(variable.getKey()).matches())
                .sorted(Map.Entry.comparingByKey())
                .forEach(variable -> candidates.putIfAbsent(Path.of(variable.getValue()), variable.getKey()));
        candidates.putIfAbsent(Path.of(System.getProperty("java.home")), "the JVM running the tests");
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(value -> !value.isBlank())
                .ifPresent(value -> candidates.putIfAbsent(Path.of(value), "JAVA_HOME"));
        if (Files.isDirectory(SYSTEM_JVM_DIRECTORY)) {
            try (Stream<Path> installed = Files.list(SYSTEM_JVM_DIRECTORY)) {
                installed.sorted().forEach(jdk -> candidates.putIfAbsent(jdk, SYSTEM_JVM_DIRECTORY.toString()));
            } catch (IOException e) {
                // unreadable: nothing found there
            }
        }

        List<String> seen = new ArrayList<>();
        Path best = null;
        int bestMajor = 0;
        for (Map.Entry<Path, String> candidate : candidates.entrySet()) {
            Path jdk = candidate.getKey();
            int major = majorVersion(jdk);
            seen.add(jdk + " (" + candidate.getValue() + (major > 0 ? ", Java " + major : ", not a JDK") + ")");
            if (major >= MINIMUM_JAVA && major > bestMajor) {
                best = jdk;
                bestMajor = major;
            }
        }
        if (best == null) {
            throw new IllegalStateException("Keycloak needs Java " + MINIMUM_JAVA + " or later and none was found."
                    + " Install one, or set JAVA_HOME_21 (or JAVA_HOME_25) to its directory. Looked at:\n  "
                    + String.join("\n  ", seen));
        }
        return best;
    }

    /** The feature version of the JDK or JRE in {@code home}, from its {@code release} file; 0 if none. */
    private static int majorVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)(?:\\.(\\d+))?").matcher(Files.readString(release));
            if (!version.find()) {
                return 0;
            }
            int first = Integer.parseInt(version.group(1));
            // Java 8 and older call themselves 1.x.
            return first == 1 && version.group(2) != null ? Integer.parseInt(version.group(2)) : first;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
