package io.annometrics.observability;

import static io.annometrics.support.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** What operators scrape: event outcomes and the latency of every view, and the health probes. */
@QuarkusTest
class MetricsEndpointTest {

    @Test
    void exposesEventOutcomesAndViewLatency() {
        String project = Fixtures.project();
        Fixtures.record(List.of(event(project, "e1", "ANNOTATION_CREATED", "a", "x", "2026-01-01T00:00:00Z"),
                event(project, "e1", "ANNOTATION_CREATED", "a", "x", "2026-01-01T00:00:00Z"),
                event(project, "e2", "NOT_A_TYPE", "a", "x", "2026-01-01T00:00:00Z")));
        GraphQL.as(Tokens.ADMIN).ok("query($f: MetricsFilter!) { reworks(filter: $f) { user } }", Map.of("f", Map.of("projectId", project)));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("annometrics_events_total{outcome=\"accepted\""))
                .body(containsString("annometrics_events_total{outcome=\"duplicate\""))
                .body(containsString("annometrics_events_total{outcome=\"rejected\""))
                .body(containsString("annometrics_view_seconds_count{"))
                .body(containsString("view=\"reworks\""));
    }

    @Test
    void healthProbesAnswer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections health check"));
        given().get("/q/health/started").then().statusCode(200);
    }
}
