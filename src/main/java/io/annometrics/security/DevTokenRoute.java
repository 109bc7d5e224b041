package io.annometrics.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Development only (absent from production builds): {@code GET /dev/token?user=alice} answers an access
 * token of the development SSO (Dev Services for OIDC), so that the README's curl examples need no
 * copying of ports from the log. The token's principal is {@code <user>@example.com}; {@code alice}
 * is a global administrator.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevTokenRoute {

    private static final Logger LOG = Logger.getLogger(DevTokenRoute.class);

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String authServerUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    void register(@Observes Router router) {
        router.get("/dev/token").blockingHandler(this::token);
    }

    void announce(@Observes StartupEvent start) {
        LOG.info("Development SSO: TOKEN=$(curl -s 'localhost:8080/dev/token?user=alice') gives an administrator's token");
    }

    private void token(RoutingContext context) {
        String user = context.request().getParam("user", "alice");
        String form = "grant_type=password&client_id=quarkus-app&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(authServerUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String token = new JsonObject(response.body()).getString("access_token");
            context.response().putHeader("Content-Type", "text/plain").end(token);
        } catch (IOException e) {
            context.response().setStatusCode(502).end("The development SSO did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.response().setStatusCode(503).end();
        }
    }
}
