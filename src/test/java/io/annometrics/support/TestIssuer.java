package io.annometrics.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;

/**
 * A minimal OpenID Connect issuer for tests and benchmarks that run the packaged service as a separate
 * process: it serves the discovery document and one RSA signing key, and signs access tokens.
 */
public final class TestIssuer implements AutoCloseable {

    private static final String KEY_ID = "test-key";

    private final KeyPair keys;
    private final HttpServer server;
    private final String url;

    private TestIssuer(KeyPair keys, HttpServer server) {
        this.keys = keys;
        this.server = server;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts an issuer on a free port of the loopback interface. */
    public static TestIssuer start() throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestIssuer issuer = new TestIssuer(keys, server);
        server.createContext("/.well-known/openid-configuration", exchange -> issuer.json(exchange, issuer.discovery()));
        server.createContext("/keys", exchange -> issuer.json(exchange, issuer.jwks()));
        server.start();
        return issuer;
    }

    /** The issuer URL: the value of {@code quarkus.oidc.auth-server-url}. */
    public String url() {
        return url;
    }

    /** A token whose {@code preferred_username} is {@code user}, with the given roles in {@code groups}. */
    public String token(String user, String... roles) {
        return Jwt.issuer(url)
                .subject(user)
                .claim("preferred_username", user)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(4))
                .jws().keyId(KEY_ID)
                .sign(keys.getPrivate());
    }

    private String discovery() {
        return """
                {"issuer":"%1$s","jwks_uri":"%1$s/keys","token_endpoint":"%1$s/token",
                 "id_token_signing_alg_values_supported":["RS256"],"subject_types_supported":["public"],
                 "response_types_supported":["code"]}""".formatted(url);
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return """
                {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}"""
                .formatted(KEY_ID, base64(key.getModulus()), base64(key.getPublicExponent()));
    }

    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = new byte[bytes.length - skip];
        System.arraycopy(bytes, skip, unsigned, 0, unsigned.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
