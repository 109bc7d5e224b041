package io.annometrics.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Sends GraphQL documents with variables to the service, as a front end would. */
public final class GraphQL {

    private final String token;

    private GraphQL(String token) {
        this.token = token;
    }

    /** A client that signs its requests as {@code user} (see {@link Tokens}). */
    public static GraphQL as(String user) {
        return new GraphQL(Tokens.of(user));
    }

    /** A client that sends the given Authorization bearer token verbatim (null: none). */
    public static GraphQL withToken(String token) {
        return new GraphQL(token);
    }

    /** Sends the document and answers the raw HTTP response. */
    public Response post(String document, String operationName, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        if (variables != null) {
            body.put("variables", variables);
        }
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body);
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.post("/graphql");
    }

    /** Sends the document, expects HTTP 200, answers the JSON body. */
    public JsonPath send(String document, Map<String, Object> variables) {
        return post(document, null, variables).then().statusCode(200).extract().jsonPath();
    }

    public JsonPath send(String document) {
        return send(document, Map.of());
    }

    /** Sends the document and expects an answer without errors. */
    public JsonPath ok(String document, Map<String, Object> variables) {
        JsonPath json = send(document, variables);
        List<Object> errors = json.getList("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new AssertionError("Unexpected GraphQL errors: " + json.prettify());
        }
        return json;
    }

    public JsonPath ok(String document) {
        return ok(document, Map.of());
    }

    /** Sends the document and answers the first error's extensions.code (failing if there is none). */
    public String errorCode(String document, Map<String, Object> variables) {
        JsonPath json = send(document, variables);
        String code = json.getString("errors[0].extensions.code");
        if (code == null) {
            throw new AssertionError("Expected a GraphQL error: " + json.prettify());
        }
        return code;
    }
}
