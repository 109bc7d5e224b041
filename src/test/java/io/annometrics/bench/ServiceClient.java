package io.annometrics.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The service's two APIs over one keep-alive HTTP/1.1 client: {@code POST /graphql} (JSON) and
 * {@code POST /api/v1/events} (streamed NDJSON), each with the bearer token.
 */
final class ServiceClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI graphql;
    private final URI bulk;
    private final String authorization;

    ServiceClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.graphql = base.resolve("/graphql");
        this.bulk = base.resolve("/api/v1/events");
        this.authorization = "Bearer " + token;
    }

    /** The JSON body of a GraphQL request. */
    static byte[] requestBody(String document, String operationName, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", document);
        body.put("operationName", operationName);
        body.set("variables", variables);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a GraphQL request and answers its {@code data}; any GraphQL error fails. */
    JsonNode graphql(byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(graphqlRequest(body), HttpResponse.BodyHandlers.ofString());
        return dataOf(response.statusCode(), response.body());
    }

    /**
     * Sends a GraphQL request and answers how long it took until the whole answer was read, in
     * nanoseconds; fails on anything but a clean answer.
     */
    long timedGraphql(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = graphqlRequest(body);
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || hasErrors(response.body())) {
            dataOf(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return elapsed;
    }

    /** Streams an NDJSON upload and answers the bulk report. */
    JsonNode upload(InputStream ndjson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(bulk)
                .timeout(Duration.ofHours(2))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> ndjson))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /api/v1/events answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest graphqlRequest(byte[] body) {
        return HttpRequest.newBuilder(graphql)
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static boolean hasErrors(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).contains("\"errors\"");
    }

    private static JsonNode dataOf(int status, String body) throws IOException {
        if (status == 413) {
            throw new RequestTooLarge();
        }
        if (status != 200) {
            throw new IllegalStateException("POST /graphql answered HTTP " + status + ": " + abbreviate(body));
        }
        JsonNode answer = JSON.readTree(body);
        if (answer.hasNonNull("errors") && !answer.get("errors").isEmpty()) {
            throw new IllegalStateException("GraphQL errors: " + abbreviate(answer.get("errors").toString()));
        }
        return answer.get("data");
    }

    /** The service refused a request body as too large (HTTP 413). */
    static final class RequestTooLarge extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RequestTooLarge() {
            super("POST /graphql answered HTTP 413 (request body too large)");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
