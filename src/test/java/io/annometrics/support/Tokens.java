package io.annometrics.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;

/**
 * Real signed bearer tokens from the OIDC server that the tests run against (Dev Services for OIDC:
 * password grant, any password). A token's principal is {@code <name>@example.com}; the user named
 * {@value #ADMIN} carries the global administrator role (see application.properties, %test).
 */
public final class Tokens {

    /** The test user that is a global administrator. */
    public static final String ADMIN = "root";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** An access token for {@code name}. */
    public static String of(String name) {
        return CACHE.computeIfAbsent(name, Tokens::fetch);
    }

    /** The identifier that a token for {@code name} carries as principal, and that events use as actor. */
    public static String principal(String name) {
        return name + "@example.com";
    }

    public static String authServerUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private static String fetch(String name) {
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "quarkus-app")
                .formParam("username", name)
                .formParam("password", name)
                .post(authServerUrl() + "/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
