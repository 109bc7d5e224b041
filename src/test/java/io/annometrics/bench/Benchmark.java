package io.annometrics.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.annometrics.support.ServiceProcess;
import io.annometrics.support.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The performance benchmark: {@code ./mvnw -Pbench verify} (10 M events) or
 * {@code ./mvnw -Pbench verify -Dbench.quick} (1 M events). Runs the packaged service (system property
 * {@code bench.app}) as a child process against an embedded PostgreSQL and an in-process OIDC issuer,
 * loads a generated project through the bulk endpoint, measures GraphQL batch ingestion, times the six
 * views over HTTP beside the same answers computed by plain SQL over the raw events, checks that both
 * agree, and prints one table (also written to target/bench-report.md).
 *
 * <p>Optional system properties: {@code bench.events} (override the event count), {@code bench.runs}
 * (timed runs per view), {@code bench.sqlRuns} (timed runs per raw SQL statement),
 * {@code bench.graphqlEvents} (events per client thread of the GraphQL ingestion).
 */
public final class Benchmark {

    private static final String PROJECT = "bench";
    private static final long SEED = 20_250_101L;
    private static final String ADMIN = "bench-admin";
    private static final String ADMIN_ROLE = "annometrics-admin";
    private static final String SERVICE_HEAP = "256m";
    /** The garbage collector of the Kubernetes manifests' JAVA_OPTS. */
    private static final String DEPLOYED_JAVA_OPTIONS = "-XX:+UseParallelGC";
    private static final int GRAPHQL_BATCH = 5_000;
    /** Events sent through GraphQL, untimed, before the GraphQL rates are measured. */
    private static final int GRAPHQL_WARM_UP_EVENTS = 50_000;
    private static final int WARM_UP_RUNS = 10;

    private final boolean quick;
    private final Path app;
    private final Path target;
    private final long events;
    private final long partSize;
    private final int timedRuns;
    private final int sqlRuns;
    private final int graphqlEvents;
    private final List<DayWindow> windows = List.of(
            DayWindow.last(7, EventGenerator.LAST_DAY),
            DayWindow.last(90, EventGenerator.LAST_DAY),
            new DayWindow("year 2025", EventGenerator.FIRST_DAY, EventGenerator.LAST_DAY));
    private final PrintStream out = System.out;
    private final Contract contract = Contract.load();
    private final StringBuilder profileText = new StringBuilder();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Connection db;
    private DatabaseProfile profile;
    private ServiceProbe service;
    private HttpClient http;
    private ServiceClient client;

    private Benchmark(boolean quick, Path app) {
        this.quick = quick;
        this.app = app;
        this.target = app.toAbsolutePath().getParent().getParent();
        this.events = Long.getLong("bench.events", quick ? 1_000_000L : 10_000_000L);
        this.partSize = Math.max(1, Math.min(1_000_000L, events / 4));
        this.timedRuns = Integer.getInteger("bench.runs", 50);
        this.sqlRuns = Integer.getInteger("bench.sqlRuns", quick ? 10 : 5);
        this.graphqlEvents = Integer.getInteger("bench.graphqlEvents", 200_000);
    }

    public static void main(String[] args) throws Exception {
        String app = System.getProperty("bench.app");
        if (app == null || !Files.isRegularFile(Path.of(app))) {
            throw new IllegalStateException("System property bench.app must name the packaged service "
                    + "(target/quarkus-app/quarkus-run.jar); run ./mvnw -Pbench verify");
        }
        new Benchmark(System.getProperty("bench.quick") != null, Path.of(app)).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Thread hook = new Thread(this::closeAll, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            measure(started);
        } finally {
            closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void measure(long started) throws Exception {
        String mode = (quick ? "quick" : "full") + String.format(Locale.ROOT, " (%,d events)", events);
        log("Annometrics benchmark, " + mode + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        startEverything();
        ResourceSampler sampler = new ResourceSampler(service, http);

        sampler.start();
        profile.reset();
        BulkResult bulk = bulkLoad();
        profileText.append(section("Bulk ingestion (POST /api/v1/events), top statements", profile.top(12)));
        // Each phase starts from a settled database, not while vacuum and checkpoints digest the last one.
        double vacuumSeconds = settle();
        profile.reset();
        // The GraphQL path is JIT-compiled on batches that are not timed, as the views are warmed up.
        graphqlIngest(PROJECT + "-gql-warm-up", 1, GRAPHQL_WARM_UP_EVENTS);
        profile.reset();
        GraphqlResult graphqlOne = graphqlIngest(PROJECT + "-gql-1", 1, graphqlEvents);
        GraphqlResult graphqlTwo = graphqlIngest(PROJECT + "-gql-2", 2, graphqlEvents);
        profileText.append(section("GraphQL recordEvents batches, top statements", profile.top(12)));
        sampler.stop();

        settle();
        long heapAfterLoad = service.heapUsedBytes(http);
        long rssAfterLoad = service.rssBytes();

        Map<String, ServiceTiming> timings = timeServiceViews();
        long heapAfterViews = service.heapUsedBytes(http);
        long rssAfterViews = service.rssBytes();
        Report report = new Report("Annometrics benchmark, " + mode);
        int mismatches = compareWithSql(timings, report);
        explainServiceStatements();
        Files.writeString(target.resolve("bench-db-profile.txt"), profileText.toString(), StandardCharsets.UTF_8);

        report.line("mode", mode + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + "service -Xmx" + SERVICE_HEAP + "; timings are noisy when other builds share the machine");
        report.line("events", String.format(Locale.ROOT, "%,d in project '%s' (%s)", bulk.accepted, PROJECT, typeMix(bulk.typeCounts))
                + String.format(Locale.ROOT, " + %,d through GraphQL in two other projects (after %,d untimed in a third)",
                        3L * graphqlEvents, GRAPHQL_WARM_UP_EVENTS));
        report.line("bulk ingest", String.format(Locale.ROOT, "%s events/s (%,d accepted of %,d lines in %.1f s, %d uploads, "
                + "first %s / last %s events/s; %,d duplicates, %,d rejected) - target >= 100,000",
                Report.count(bulk.rate()), bulk.accepted, bulk.lines, bulk.seconds, bulk.parts,
                Report.count(bulk.firstRate), Report.count(bulk.lastRate), bulk.duplicates, bulk.rejected));
        long refused = Math.max(graphqlOne.largestRefusedBytes(), graphqlTwo.largestRefusedBytes());
        report.line("GraphQL batches", String.format(Locale.ROOT, "%s events/s with 1 client thread, %s events/s with 2 "
                + "(%,d events per thread, batches of %,d%s) - target >= 20,000",
                Report.count(graphqlOne.rate()), Report.count(graphqlTwo.rate()), graphqlEvents,
                Math.min(graphqlOne.batchSize(), graphqlTwo.batchSize()),
                refused == 0 ? "" : String.format(Locale.ROOT, ": batches of %,d answered HTTP 413, largest refused body %,d bytes",
                        GRAPHQL_BATCH, refused)));
        report.line("service heap used", String.format(Locale.ROOT, "%s after loading, %s after the views, %s highest sample "
                + "while loading - target <= 256 MB", Report.mb(heapAfterLoad), Report.mb(heapAfterViews),
                Report.mb(sampler.maxHeap.get())));
        report.line("service RSS", String.format(Locale.ROOT, "%s after loading, %s after the views, %s highest sample while loading",
                Report.mb(rssAfterLoad), Report.mb(rssAfterViews), Report.mb(sampler.maxRss.get())));
        report.line("database", sizes(db));
        report.line("runs", String.format(Locale.ROOT, "service: %d rounds over all views and windows, then %d warm-up + %d timed "
                + "per view and window (HTTP, keep-alive); raw SQL: 1 warm-up + %d timed (JDBC, same database), after the "
                + "service runs; in-service = mean of the service's own annometrics_view timer over the timed runs (access "
                + "check, SQL, assembly; no HTTP, token check or GraphQL)", WARM_UP_RUNS, WARM_UP_RUNS, timedRuns, sqlRuns));
        report.line("answers", mismatches == 0 ? "service = raw SQL for all " + report.rows().size() + " view/window pairs"
                : mismatches + " of " + report.rows().size() + " view/window pairs DIFFER from raw SQL (see the log above)");
        report.line("VACUUM (ANALYZE) after the bulk load", String.format(Locale.ROOT, "%.1f s (then CHECKPOINT; again both before the views)", vacuumSeconds));
        report.line("total run time", String.format(Locale.ROOT, "%.1f min", seconds(System.nanoTime() - started) / 60));

        out.println();
        out.println(report.text());
        report.writeMarkdown(target.resolve("bench-report.md"));
        log("Written: target/bench-report.md, target/bench-db-profile.txt (pg_stat_statements per phase), "
                + "target/bench-sql-plans.txt (raw SQL plans), target/bench-postgres.log (auto_explain plans of the service)");
    }

    /** Starts the database, the issuer and the service, and creates the projects. */
    private void startEverything() throws Exception {
        EmbeddedPostgres postgres = startPostgres();
        db = postgres.getPostgresDatabase().getConnection();
        resources.push(db);
        log("PostgreSQL settings: " + settings(db));
        profile = new DatabaseProfile(db);

        TestIssuer oidc = TestIssuer.start();
        resources.push(oidc);
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_OIDC_AUTH_SERVER_URL", oidc.url()));
        // Options of the service's JVM beside -Xmx: by default the collector that the Kubernetes
        // manifests name (JAVA_OPTS), so that the service runs as it is deployed.
        String javaOptions = System.getProperty("bench.serviceJavaOptions", DEPLOYED_JAVA_OPTIONS).trim();
        if (!javaOptions.isEmpty()) {
            environment.put("JAVA_TOOL_OPTIONS", javaOptions);
            log("Service JVM options: " + javaOptions);
        }
        ServiceProcess process = ServiceProcess.start("bench-service", app, environment, "-Xmx" + SERVICE_HEAP);
        resources.push(process);
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        long bootStart = System.nanoTime();
        process.awaitReady(Duration.ofMinutes(3));
        log(String.format(Locale.ROOT, "Service ready in %.1f s (pid %d, log in target/bench-service.log)",
                seconds(System.nanoTime() - bootStart), process.pid()));
        URI base = URI.create(process.url());
        service = new ServiceProbe(base, process.pid());

        client = new ServiceClient(http, base, oidc.token(ADMIN, ADMIN_ROLE));
        for (String project : List.of(PROJECT, PROJECT + "-gql-warm-up", PROJECT + "-gql-1", PROJECT + "-gql-2")) {
            ObjectNode variables = ServiceClient.JSON.createObjectNode()
                    .put("id", project).put("name", "Benchmark " + project).put("timeZone", "Asia/Kolkata");
            client.graphql(ServiceClient.requestBody(contract.operation("CreateProject"), "CreateProject", variables));
        }
    }

    /** One view in one window through the service: HTTP latencies and the mean of the service's own timer. */
    private record ServiceTiming(Stats stats, double inServiceMs) {
    }

    /**
     * Times every view and window over HTTP: first {@link #WARM_UP_RUNS} rounds over all of them (JIT,
     * caches), then per view and window {@link #WARM_UP_RUNS} more and {@link #timedRuns} timed calls.
     */
    private Map<String, ServiceTiming> timeServiceViews() throws IOException, InterruptedException, SQLException {
        for (int round = 0; round < WARM_UP_RUNS; round++) {
            for (DayWindow window : windows) {
                for (View view : View.values()) {
                    client.timedGraphql(viewRequest(view, window));
                }
            }
        }
        profile.reset();
        Map<String, ServiceTiming> timings = new HashMap<>();
        for (DayWindow window : windows) {
            for (View view : View.values()) {
                byte[] body = viewRequest(view, window);
                for (int i = 0; i < WARM_UP_RUNS; i++) {
                    client.timedGraphql(body);
                }
                double[] before = service.viewTimers(http).getOrDefault(view.field, new double[2]);
                long[] samples = new long[timedRuns];
                for (int i = 0; i < timedRuns; i++) {
                    samples[i] = client.timedGraphql(body);
                }
                double[] after = service.viewTimers(http).getOrDefault(view.field, new double[2]);
                double inService = after[0] > before[0] ? 1000 * (after[1] - before[1]) / (after[0] - before[0]) : Double.NaN;
                Stats stats = Stats.of(samples);
                timings.put(key(view, window), new ServiceTiming(stats, inService));
                log(String.format(Locale.ROOT, "service %-12s %-9s p50 %7.1f ms  p95 %7.1f ms  (in the service method: mean %.1f ms)",
                        view.operation, window.name(), stats.p50Ms(), stats.p95Ms(), inService));
            }
        }
        profileText.append(section("Views through the service (" + (WARM_UP_RUNS + timedRuns)
                + " runs of each view and window), top statements", profile.top(12)));
        return timings;
    }

    /**
     * Times the raw-SQL answer of every view and window, checks the service's answer against it and adds
     * the rows to the report; writes the raw plans of the whole year. Answers the number of mismatches.
     */
    private int compareWithSql(Map<String, ServiceTiming> timings, Report report) throws Exception {
        int mismatches = 0;
        try (SqlBaseline sql = new SqlBaseline(db, PROJECT, EventGenerator.HOME_ZONE)) {
            for (DayWindow window : windows) {
                for (View view : View.values()) {
                    SqlBaseline.Answer answer = sql.run(view, window);
                    long[] samples = new long[sqlRuns];
                    for (int i = 0; i < sqlRuns; i++) {
                        long start = System.nanoTime();
                        answer = sql.run(view, window);
                        samples[i] = System.nanoTime() - start;
                    }
                    Stats stats = Stats.of(samples);
                    JsonNode served = client.graphql(viewRequest(view, window)).get(view.field);
                    List<String> problems = AnswerCheck.compare(view, served, answer, window);
                    if (!problems.isEmpty()) {
                        mismatches++;
                        log("MISMATCH " + view.operation + " " + window.name() + ": " + String.join("; ", problems));
                    }
                    log(String.format(Locale.ROOT, "SQL     %-12s %-9s p50 %7.1f ms  p95 %7.1f ms  %s", view.operation,
                            window.name(), stats.p50Ms(), stats.p95Ms(), problems.isEmpty() ? "same answer" : "DIFFERENT"));
                    ServiceTiming timing = timings.get(key(view, window));
                    report.add(new Report.Row(view, window, timing.stats(), timing.inServiceMs(), stats,
                            problems.isEmpty() ? "yes" : "NO"));
                }
            }
            StringBuilder plans = new StringBuilder();
            DayWindow year = windows.get(windows.size() - 1);
            for (View view : View.values()) {
                plans.append("== raw SQL of ").append(view.operation).append(", ").append(year.name()).append('\n')
                        .append(sql.explain(view, year)).append('\n');
            }
            Files.writeString(target.resolve("bench-sql-plans.txt"), plans.toString(), StandardCharsets.UTF_8);
        }
        return mismatches;
    }

    /** One pass over every view and window with auto_explain on: the plans of the service's own statements. */
    private void explainServiceStatements() throws IOException, InterruptedException, SQLException {
        profile.explainAll(true);
        try {
            for (DayWindow window : windows) {
                for (View view : View.values()) {
                    client.graphql(viewRequest(view, window));
                }
            }
        } finally {
            profile.explainAll(false);
        }
    }

    /** Streams the project's events in uploads of {@link #partSize} lines. */
    private BulkResult bulkLoad() throws IOException, InterruptedException {
        EventGenerator generator = new EventGenerator(PROJECT, "", events, SEED);
        BulkResult result = new BulkResult();
        int parts = (int) ((events + partSize - 1) / partSize);
        for (int part = 1; part <= parts; part++) {
            long lines = Math.min(partSize, events - generator.produced());
            long start = System.nanoTime();
            JsonNode answer = client.upload(new NdjsonStream(generator, lines));
            double elapsed = seconds(System.nanoTime() - start);
            long accepted = answer.get("accepted").asLong();
            long rejected = answer.get("rejected").asLong();
            double rate = accepted / elapsed;
            result.add(answer.get("lines").asLong(), accepted, answer.get("duplicates").asLong(), rejected, elapsed, rate);
            log(String.format(Locale.ROOT, "bulk upload %d/%d: %,d lines, %,d accepted, %,d rejected in %.1f s = %s events/s",
                    part, parts, answer.get("lines").asLong(), accepted, rejected, elapsed, Report.count(rate)));
            if (rejected > 0) {
                log("  first rejections: " + answer.get("rejections").toString().substring(0,
                        Math.min(600, answer.get("rejections").toString().length())));
            }
            if (accepted == 0) {
                throw new IllegalStateException("The upload stored nothing: " + answer);
            }
        }
        result.typeCounts = generator.typeCounts();
        return result;
    }

    /**
     * Sends {@link #graphqlEvents} events per thread as RecordEvents batches of {@link #GRAPHQL_BATCH};
     * answers events/s over all threads. Should the service refuse a batch as too large (HTTP 413), the
     * batch is split in halves and every later batch is sent at the smaller size; that is reported.
     */
    private GraphqlResult graphqlIngest(String project, int threads, int eventsPerThread) throws Exception {
        String document = ServiceClient.JSON.writeValueAsString(contract.operation("RecordEvents"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong accepted = new AtomicLong();
        AtomicInteger batchSize = new AtomicInteger(GRAPHQL_BATCH);
        AtomicLong largestRefused = new AtomicLong();
        double[] timersBefore = service.recordEventsTimers(http);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                EventGenerator generator = new EventGenerator(project, "t" + t + "-", eventsPerThread, SEED + 1000 + t);
                futures.add(pool.submit(() -> {
                    // A producer has its next batch ready when the answer comes: it is generated while
                    // the current one is in flight, so that generating is not timed as the service's work.
                    ExecutorService ahead = Executors.newSingleThreadExecutor();
                    try {
                        Future<List<String>> next = ahead.submit(() -> nextBatch(generator, batchSize.get()));
                        for (List<String> batch = next.get(); !batch.isEmpty(); batch = next.get()) {
                            next = ahead.submit(() -> nextBatch(generator, batchSize.get()));
                            accepted.addAndGet(record(document, batch, batchSize, largestRefused));
                        }
                    } finally {
                        ahead.shutdownNow();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = seconds(System.nanoTime() - start);
        GraphqlResult result = new GraphqlResult(accepted.get() / elapsed, batchSize.get(), largestRefused.get());
        double[] timers = service.recordEventsTimers(http);
        double requests = timers[0] - timersBefore[0];
        log(String.format(Locale.ROOT, "GraphQL batches, %d thread(s): %,d accepted in %.1f s = %s events/s (batches of %,d); "
                + "per request %.0f ms in the server, of which %.0f ms checking and storing (the rest: HTTP, GraphQL parsing "
                + "and coercion of the variables)", threads, accepted.get(), elapsed, Report.count(result.rate()), result.batchSize(),
                1000 * (timers[1] - timersBefore[1]) / requests, 1000 * (timers[3] - timersBefore[3]) / (timers[2] - timersBefore[2])));
        return result;
    }

    /** The generator's next {@code size} events as JSON objects; empty once it is exhausted. */
    private static List<String> nextBatch(EventGenerator generator, int size) {
        StringBuilder event = new StringBuilder(256);
        List<String> batch = new ArrayList<>(size);
        while (batch.size() < size && generator.hasNext()) {
            event.setLength(0);
            generator.appendNext(event);
            batch.add(event.toString());
        }
        return batch;
    }

    /** Sends {@code events} in RecordEvents batches of at most {@code batchSize}; answers how many were accepted. */
    private long record(String document, List<String> events, AtomicInteger batchSize,
            AtomicLong largestRefused) throws IOException, InterruptedException {
        long accepted = 0;
        int size = batchSize.get();
        for (int from = 0; from < events.size(); from += size) {
            List<String> batch = events.subList(from, Math.min(events.size(), from + size));
            byte[] body = ("{\"query\":" + document + ",\"operationName\":\"RecordEvents\",\"variables\":{\"events\":["
                    + String.join(",", batch) + "]}}").getBytes(StandardCharsets.UTF_8);
            JsonNode result;
            try {
                result = client.graphql(body).get("recordEvents");
            } catch (ServiceClient.RequestTooLarge e) {
                if (batch.size() < 2) {
                    throw e;
                }
                largestRefused.accumulateAndGet(body.length, Math::max);
                int half = batch.size() / 2;
                if (batchSize.getAndAccumulate(half, Math::min) > half) {
                    log(String.format(Locale.ROOT, "A RecordEvents batch of %,d events (%,d bytes) answered HTTP 413; "
                            + "sending batches of %,d from now on", batch.size(), body.length, half));
                }
                accepted += record(document, batch, batchSize, largestRefused);
                continue;
            }
            if (!result.get("rejected").isEmpty()) {
                throw new IllegalStateException("RecordEvents rejected events: " + result.get("rejected"));
            }
            accepted += result.get("accepted").asLong();
        }
        return accepted;
    }

    /**
     * {@code VACUUM (ANALYZE)}, what autovacuum would do after a load, then {@code CHECKPOINT}, so that
     * the load's pages are written out now rather than while the next phase is timed.
     *
     * @return how long the vacuum took, in seconds
     */
    private double settle() throws SQLException {
        long vacuumStart = System.nanoTime();
        execute(db, "VACUUM (ANALYZE)");
        double vacuumSeconds = seconds(System.nanoTime() - vacuumStart);
        execute(db, "CHECKPOINT");
        log(String.format(Locale.ROOT, "VACUUM (ANALYZE) took %.1f s, then CHECKPOINT", vacuumSeconds));
        return vacuumSeconds;
    }

    /** Events/s of one GraphQL ingestion run, the batch size it ended with and the largest body refused (0: none). */
    private record GraphqlResult(double rate, int batchSize, long largestRefusedBytes) {
    }

    private byte[] viewRequest(View view, DayWindow window) {
        ObjectNode filter = ServiceClient.JSON.createObjectNode()
                .put("projectId", PROJECT)
                .put("from", window.from().toString())
                .put("to", window.to().toString())
                .put("timeZone", EventGenerator.HOME_ZONE.getId());
        ObjectNode variables = ServiceClient.JSON.createObjectNode();
        variables.set("filter", filter);
        return ServiceClient.requestBody(contract.operation(view.operation), view.operation, variables);
    }

    /**
     * A throw-away PostgreSQL with durable commits (the library's default of synchronous_commit=off is
     * overridden: every stored batch is on disk when the service answers, as in production).
     */
    private EmbeddedPostgres startPostgres() throws IOException {
        // The server appends to its log file: start it empty so that it holds this run's plans only.
        Files.deleteIfExists(target.resolve("bench-postgres.log"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("max_connections", "50")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", target.toString())
                .setServerConfig("log_filename", "bench-postgres.log")
                .setServerConfig("log_truncate_on_rotation", "on")
                .start();
        resources.push(postgres);
        return postgres;
    }

    private static String settings(Connection db) throws SQLException {
        String sql = "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN "
                + "('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_wal_size', "
                + "'work_mem', 'max_parallel_workers_per_gather', 'wal_level', 'checkpoint_timeout')";
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String sizes(Connection db) throws SQLException {
        String sql = """
                SELECT sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname = 'event'),
                       sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname = 'annotation'),
                       sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname IN ('tally', 'activity_profile')),
                       sum(c.reltuples) FILTER (WHERE c.relname = 'tally'),
                       pg_database_size(current_database())
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r'
                """;
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return String.format(Locale.ROOT, "event %s, annotation %s, aggregates %s (%,.0f tally rows), "
                    + "whole database %s (tables with indexes)", Report.mb(rows.getLong(1)), Report.mb(rows.getLong(2)),
                    Report.mb(rows.getLong(3)), rows.getDouble(4), Report.mb(rows.getLong(5)));
        }
    }

    private static String typeMix(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        StringBuilder mix = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            mix.append(i == 0 ? "" : ", ").append(EventGenerator.TYPES[i].substring("ANNOTATION_".length()).toLowerCase(Locale.ROOT))
                    .append(String.format(Locale.ROOT, " %.1f%%", 100.0 * counts[i] / Math.max(1, total)));
        }
        return mix.toString();
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String section(String title, String body) {
        return "== " + title + "\n" + body + "\n";
    }

    private static String key(View view, DayWindow window) {
        return view + "/" + window.name();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void log(String message) {
        out.println("[bench] " + message);
        out.flush();
    }

    /** Stops the service, the issuer and the database (newest first); safe to call twice. */
    private void closeAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("[bench] cleanup: " + e);
            }
        }
    }

    /** Totals of the bulk uploads. */
    private static final class BulkResult {
        long lines;
        long accepted;
        long duplicates;
        long rejected;
        double seconds;
        int parts;
        double firstRate;
        double lastRate;
        long[] typeCounts;

        void add(long lines, long accepted, long duplicates, long rejected, double seconds, double rate) {
            this.lines += lines;
            this.accepted += accepted;
            this.duplicates += duplicates;
            this.rejected += rejected;
            this.seconds += seconds;
            if (parts++ == 0) {
                firstRate = rate;
            }
            lastRate = rate;
        }

        double rate() {
            return accepted / seconds;
        }
    }

    /** Samples the service's heap and RSS every two seconds while it loads, keeping the highest values. */
    private static final class ResourceSampler {
        final AtomicLong maxHeap = new AtomicLong(-1);
        final AtomicLong maxRss = new AtomicLong(-1);
        private final ServiceProbe service;
        private final HttpClient http;
        private ScheduledExecutorService timer;

        ResourceSampler(ServiceProbe service, HttpClient http) {
            this.service = service;
            this.http = http;
        }

        void start() {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bench-sampler");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleAtFixedRate(this::sample, 0, 2, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }

        private void sample() {
            try {
                maxHeap.accumulateAndGet(service.heapUsedBytes(http), Math::max);
            } catch (Exception e) {
                // a missed sample is no failure
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            maxRss.accumulateAndGet(service.rssBytes(), Math::max);
        }
    }
}
