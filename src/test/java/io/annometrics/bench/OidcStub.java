package io.annometrics.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;

/**
 * The smallest OpenID Connect issuer the service accepts: a discovery document and a JWKS with one
 * RSA key, served on the loopback interface, plus signed access tokens.
 */
final class OidcStub implements AutoCloseable {

    private static final String KEY_ID = "bench-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair keys;
    private final String issuer;

    private OidcStub(HttpServer server, KeyPair keys) {
        this.server = server;
        this.keys = keys;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static OidcStub start() throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OidcStub stub = new OidcStub(server, keys);
        server.createContext("/.well-known/openid-configuration", exchange -> stub.answer(exchange, stub.discovery()));
        server.createContext("/keys", exchange -> stub.answer(exchange, stub.jwks()));
        server.start();
        return stub;
    }

    /** The issuer URL, which is also the OIDC auth-server URL the service is given. */
    String issuer() {
        return issuer;
    }

    /** A signed access token for {@code user} holding {@code groups}, valid for two hours. */
    String token(String user, Set<String> groups) {
        return Jwt.issuer(issuer)
                .subject(user)
                .preferredUserName(user)
                .groups(groups)
                .expiresIn(Duration.ofHours(2))
                .jws()
                .keyId(KEY_ID)
                .sign(keys.getPrivate());
    }

    private Map<String, Object> discovery() {
        return Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/keys",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"));
    }

    private Map<String, Object> jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = Map.of(
                "kty", "RSA",
                "kid", KEY_ID,
                "use", "sig",
                "alg", "RS256",
                "n", base64Url(key.getModulus()),
                "e", base64Url(key.getPublicExponent()));
        return Map.of("keys", List.of(jwk));
    }

    /** Base64url of the unsigned big-endian bytes of {@code value}, as JWK wants them. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void answer(HttpExchange exchange, Object body) throws IOException {
        try (exchange) {
            byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
