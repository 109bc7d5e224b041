package io.annometrics.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The HTTP side of /graphql: media types, methods, status codes and the abuse limits. */
@QuarkusTest
class GraphQLOverHttpTest {

    private static io.restassured.specification.RequestSpecification authorized() {
        return given().auth().oauth2(Tokens.of(Tokens.ADMIN));
    }

    @Test
    void queriesMayComeByGet() {
        authorized().queryParam("query", "{ projects { id } }").get("/graphql")
                .then().statusCode(200).body("data.projects", not(nullValue()));
    }

    @Test
    void answersInTheMediaTypeTheClientAccepts() {
        authorized().accept("application/graphql-response+json").contentType("application/json")
                .body(Map.of("query", "{ projects { id } }")).post("/graphql")
                .then().statusCode(200).contentType(containsString("application/graphql-response+json"));
        authorized().accept("application/json").contentType("application/json")
                .body(Map.of("query", "{ projects { id } }")).post("/graphql")
                .then().statusCode(200).contentType(containsString("application/json"));
    }

    @Test
    void withTheNewMediaTypeARequestThatCannotRunIsA4xx() {
        authorized().accept("application/graphql-response+json").contentType("application/json")
                .body(Map.of("query", "{ projects { id ")).post("/graphql")
                .then().statusCode(400).body("errors[0].message", not(nullValue()));
        authorized().accept("application/graphql-response+json").contentType("application/json")
                .body(Map.of("query", "{ noSuchField }")).post("/graphql")
                .then().statusCode(400).body("errors[0].message", not(nullValue()));
    }

    @Test
    void mutationsByGetAreRefusedWith405() {
        authorized().queryParam("query", "mutation { createProject(id: \"by-get\", name: \"x\") { id } }").get("/graphql")
                .then().statusCode(405).header("Allow", "POST").body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        GraphQL.as(Tokens.ADMIN).post("query P($id: ID!) { project(id: $id) { id } }", null, Map.of("id", "by-get"))
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void postBodiesMustBeJson() {
        authorized().contentType("text/plain").body("{ projects { id } }").post("/graphql").then().statusCode(415);
        authorized().contentType("application/json").body("{\"query\": ").post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"query\": \"{ projects { id } }\", \"variables\": {\"x\": \"" + "a".repeat(8_500_000) + "\"}}";
        authorized().contentType("application/json").body(huge).post("/graphql").then().statusCode(413);
    }

    @Test
    void tooManyAliasesAreRefused() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            query.append(" p").append(i).append(": projects { id }");
        }
        query.append(" }");
        GraphQL.as(Tokens.ADMIN).post(query.toString(), null, Map.of()).then().statusCode(400)
                .body("errors[0].message", containsString("aliases"));
    }

    @Test
    void tooDeepOrTooComplexOperationsAreRefused() {
        String deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }";
        GraphQL.as(Tokens.ADMIN).post(deep, null, Map.of()).then().statusCode(200)
                .body("errors[0].message", containsString("depth")).body("data", nullValue());
    }

    @Test
    void errorsNeverCarryStackTracesSqlOrClassNames() {
        String project = Fixtures.project();
        for (Response response : new Response[] {
                GraphQL.as(Tokens.ADMIN).post("{ nonsense }", null, Map.of()),
                GraphQL.as(Tokens.ADMIN).post("query($f: MetricsFilter!) { reworks(filter: $f) { user } }", null,
                        Map.of("f", Map.of("projectId", project, "timeZone", "Nowhere/Never"))),
                GraphQL.as(Tokens.ADMIN).post("query($f: MetricsFilter!) { reworks(filter: $f) { user } }", null,
                        Map.of("f", Map.of("projectId", project, "from", "2026-13-45"))),
                authorized().contentType("application/json").body("[1,2]").post("/graphql") }) {
            String body = response.asString();
            for (String leak : new String[] { "Exception", "java.", "io.annometrics", "SQL", "\tat " }) {
                assertFalse(body.contains(leak), () -> "answer leaks '" + leak + "': " + body);
            }
        }
    }

    @Test
    void browsersFromOtherOriginsGetNoCorsGrant() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then().header("Access-Control-Allow-Origin", nullValue());
    }
}
