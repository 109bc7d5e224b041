package io.annometrics.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.annometrics.support.Fixtures;
import io.annometrics.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Single sign-on end to end: a real Keycloak with the realm of {@code src/test/resources/keycloak}, the
 * packaged service pointed at it as {@code docs/keycloak.md} tells operators to (the realm's issuer URL,
 * the service's client id as the expected audience), and tokens that Keycloak issues by the password
 * and client credentials grants. The service's own settings decide the rest: the user is the token's {@code preferred_username}, and the
 * realm role {@code annometrics-admin} (Keycloak keeps realm roles under {@code realm_access.roles},
 * where Quarkus looks by default) makes a global administrator.
 *
 * <p>People of the realm: rachel (realm role annometrics-admin), kevin and jordan (no realm role);
 * the client {@code annometrics-producer}, whose service account records events.
 */
class KeycloakIT {

    private static final String REALM = "annometrics";
    /** The client the service is registered as: tokens for the API name it as their audience. */
    private static final String API_CLIENT = "annometrics";
    /** The public client of people (dashboard, command line). */
    private static final String PEOPLE_CLIENT = "annometrics-cli";
    private static final String PRODUCER_CLIENT = "annometrics-producer";
    private static final String PRODUCER_SECRET = "producer-secret-of-the-test-realm";
    private static final String PRODUCER_USER = "service-account-" + PRODUCER_CLIENT;
    /** Another client of the same realm whose tokens are not meant for Annometrics. */
    private static final String UNRELATED_CLIENT = "unrelated-app";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KeycloakServer keycloak;
    private static EmbeddedPostgres postgres;
    private static ServiceProcess service;
    /** The operations the dashboard and the producers send, verbatim. */
    private static String contract;

    @BeforeAll
    static void startKeycloakAndTheService() throws Exception {
        contract = resource("/contract/operations.graphql");
        long started = System.nanoTime();
        keycloak = KeycloakServer.start("/keycloak/annometrics-realm.json", REALM);
        // The database starts while Keycloak boots; the service waits for Keycloak, whose discovery
        // document and keys it reads at start.
        postgres = EmbeddedPostgres.builder().start();
        keycloak.awaitReady();
        System.out.printf("Keycloak served realm '%s' after %d s%n", REALM, (System.nanoTime() - started) / 1_000_000_000L);
        service = ServiceProcess.start("sso-service", ServiceProcess.packagedJar(), Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer(),
                "QUARKUS_OIDC_CLIENT_ID", API_CLIENT,
                "QUARKUS_OIDC_TOKEN_AUDIENCE", API_CLIENT), "-Xmx256m", "-XX:TieredStopAtLevel=1");
        service.awaitReady(Duration.ofSeconds(90));
        System.out.printf("Keycloak and the service ready after %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Exception first = null;
        for (AutoCloseable running : new AutoCloseable[] { service, postgres, keycloak }) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Test
    void onlyAnIntactTokenOfTheRealmIssuedForTheServiceIsAccepted() throws Exception {
        Map<String, Object> variables = filter("any-project");
        assertEquals(401, post(null, "Summary", variables).statusCode(), "no token");
        assertEquals(401, post("not-a-token", "Summary", variables).statusCode(), "garbage instead of a token");

        String kevin = passwordToken(PEOPLE_CLIENT, "kevin");
        HttpResponse<String> genuine = post(kevin, "Summary", variables);
        assertEquals(200, genuine.statusCode(), "kevin's own token is accepted: " + genuine.body());

        // kevin makes himself rachel and an administrator; Keycloak's signature no longer matches.
        ObjectNode claims = claims(kevin);
        claims.put("preferred_username", "rachel");
        ((ArrayNode) claims.path("realm_access").path("roles")).add("annometrics-admin");
        String[] parts = kevin.split("\\.");
        String tampered = parts[0] + "." + base64Url(JSON.writeValueAsBytes(claims)) + "." + parts[2];
        assertEquals(401, post(tampered, "Summary", variables).statusCode(), "a token whose claims were changed");

        // Signed by the realm, but issued to another application: not for Annometrics.
        String elsewhere = passwordToken(UNRELATED_CLIENT, "kevin");
        assertFalse(claims(elsewhere).path("aud").toString().contains("\"" + API_CLIENT + "\""), claims(elsewhere).toString());
        assertEquals(401, post(elsewhere, "Summary", variables).statusCode(), "a token of the realm for another audience");
    }

    @Test
    void realmRolesAndProjectRolesDecideWhatEachPersonMayDo() throws Exception {
        String project = "solar-panels";
        String rachel = passwordToken(PEOPLE_CLIENT, "rachel");
        String kevin = passwordToken(PEOPLE_CLIENT, "kevin");
        String jordan = passwordToken(PEOPLE_CLIENT, "jordan");

        // rachel holds the realm role annometrics-admin: a global administrator.
        JsonNode created = ok(rachel, "CreateProject", Map.of("id", project, "name", "Solar panel defects", "timeZone", "Asia/Kolkata"));
        assertEquals(project, created.at("/data/createProject/id").asText(), created.toString());
        JsonNode granted = ok(rachel, "Grant", Map.of("projectId", project, "user", "kevin", "role", "VIEWER"));
        assertEquals(JSON.readTree("{\"user\":\"kevin\",\"role\":\"VIEWER\"}"), granted.at("/data/grantProjectRole"));

        // kevin, a VIEWER by the name his token carries (preferred_username), reads but changes nothing.
        assertEquals("FORBIDDEN", errorCode(kevin, "CreateProject", Map.of("id", "kevins-own", "name", "Kevin's own")));
        assertEquals("FORBIDDEN", errorCode(kevin, "RecordEvents", Map.of("events",
                List.of(event(project, "k1", "ANNOTATION_CREATED", "kevin", "k-a1", "2026-09-03T10:00:00+05:30")))));
        assertEquals(0, ok(kevin, "Summary", filter(project)).at("/data/activityCalendar/total").asInt(-1),
                "kevin's refused batch stored nothing");

        // jordan holds no role in the project: he learns exactly what a project that does not exist tells.
        HttpResponse<String> hidden = post(jordan, "Summary", filter(project));
        HttpResponse<String> missing = post(jordan, "Summary", filter("no-such-project"));
        assertEquals(200, hidden.statusCode(), hidden.body());
        assertEquals("NOT_FOUND", JSON.readTree(hidden.body()).at("/errors/0/extensions/code").asText(), hidden.body());
        assertEquals(missing.body(), hidden.body(), "an existing project must be indistinguishable from a missing one");

        // rachel records the team's work: two corrections by her, one by kevin.
        JsonNode recorded = ok(rachel, "RecordEvents", Map.of("events", List.of(
                event(project, "e1", "ANNOTATION_CREATED", "marcus", "a1", "2026-09-01T09:00:00+05:30"),
                event(project, "e2", "ANNOTATION_UPDATED", "rachel", "a1", "2026-09-01T11:00:00+05:30"),
                event(project, "e3", "ANNOTATION_CREATED", "marcus", "a2", "2026-09-02T09:30:00+05:30"),
                event(project, "e4", "ANNOTATION_UPDATED", "kevin", "a2", "2026-09-02T10:00:00+05:30"),
                event(project, "e5", "ANNOTATION_DELETED", "rachel", "a2", "2026-09-02T12:00:00+05:30"))));
        assertEquals(JSON.readTree("{\"accepted\":5,\"duplicates\":0,\"rejected\":[]}"), recorded.at("/data/recordEvents"));

        JsonNode reworks = ok(kevin, "Reworks", filter(project));
        assertEquals(JSON.readTree("[{\"user\":\"rachel\",\"count\":2},{\"user\":\"kevin\",\"count\":1}]"),
                reworks.at("/data/reworks"), reworks.toString());
        assertEquals(5, ok(kevin, "Summary", filter(project)).at("/data/activityCalendar/total").asInt(-1));
    }

    @Test
    void aProducerSignsInByClientCredentialsAsItsServiceAccount() throws Exception {
        String project = "labeling-pipeline";
        String rachel = passwordToken(PEOPLE_CLIENT, "rachel");
        String producer = clientCredentialsToken(PRODUCER_CLIENT, PRODUCER_SECRET);
        assertEquals(PRODUCER_USER, claims(producer).path("preferred_username").asText(), claims(producer).toString());

        ok(rachel, "CreateProject", Map.of("id", project, "name", "Labeling pipeline"));
        ok(rachel, "Grant", Map.of("projectId", project, "user", PRODUCER_USER, "role", "PRODUCER"));
        ok(rachel, "Grant", Map.of("projectId", project, "user", "kevin", "role", "VIEWER"));

        JsonNode recorded = ok(producer, "RecordEvents", Map.of("events", List.of(
                event(project, "p1", "ANNOTATION_CREATED", "aisha", "b1", "2026-09-05T08:00:00Z"),
                event(project, "p2", "ANNOTATION_ACCEPTED", "rachel", "b1", "2026-09-05T09:00:00Z"))));
        assertEquals(2, recorded.at("/data/recordEvents/accepted").asInt(-1), recorded.toString());
        assertEquals("FORBIDDEN", errorCode(producer, "CreateProject", Map.of("id", "producers-own", "name", "x")));

        String kevin = passwordToken(PEOPLE_CLIENT, "kevin");
        assertEquals(2, ok(kevin, "Summary", filter(project)).at("/data/activityCalendar/total").asInt(-1));
    }

    // ---- Keycloak ----------------------------------------------------------------------------------

    /** An access token for a person of the test realm (password: {@code <user>-password}). */
    private static String passwordToken(String client, String user) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "password", "client_id", client, "username", user, "password", user + "-password"));
    }

    /** An access token for a client's service account. */
    private static String clientCredentialsToken(String client, String secret) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    private static String token(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "Keycloak refused the token request " + form.get("grant_type") + " for "
                + form.getOrDefault("username", form.get("client_id")) + ": " + response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The claims of a token (its payload, unverified). */
    private static ObjectNode claims(String token) throws IOException {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- the service -------------------------------------------------------------------------------

    /** Sends one operation of the contract document, as the dashboard and the producers do. */
    private static HttpResponse<String> post(String token, String operation, Map<String, Object> variables)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", contract);
        body.put("operationName", operation);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url() + "/graphql"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer of an operation that must succeed. */
    private static JsonNode ok(String token, String operation, Map<String, Object> variables) throws IOException, InterruptedException {
        HttpResponse<String> response = post(token, operation, variables);
        assertEquals(200, response.statusCode(), operation + ": " + response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertFalse(answer.has("errors"), operation + ": " + response.body());
        return answer;
    }

    /** The {@code extensions.code} of the error of an operation that must fail. */
    private static String errorCode(String token, String operation, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpResponse<String> response = post(token, operation, variables);
        assertEquals(200, response.statusCode(), operation + ": " + response.body());
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertTrue(errors.isArray() && errors.size() > 0, operation + " should fail: " + response.body());
        return errors.get(0).at("/extensions/code").asText();
    }

    /** September 2026 of a project, in the project's time zone. */
    private static Map<String, Object> filter(String project) {
        return Map.of("filter", Map.of("projectId", project, "from", "2026-09-01", "to", "2026-09-30"));
    }

    /** An event of the shared fixtures, labelled. */
    private static Map<String, Object> event(String project, String id, String type, String actor, String annotation,
            String occurredAt) {
        Map<String, Object> event = Fixtures.event(project, id, type, actor, annotation, occurredAt);
        event.put("label", "crack");
        return event;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KeycloakIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
