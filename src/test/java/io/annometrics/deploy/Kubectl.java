package io.annometrics.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the local kubectl (its built-in kustomize; no cluster is contacted). Found through the KUBECTL
 * environment variable, else on the PATH. Its absence fails the tests that need it, with a message
 * saying so: rendering the overlays must never be skipped silently.
 */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Kubectl() {
    }

    static Optional<Path> find() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String directory : pathVariable.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require() {
        String configured = System.getenv("KUBECTL");
        String where = configured != null && !configured.isBlank()
                ? "KUBECTL=" + configured + " is not an executable file"
                : "kubectl was not found on the PATH";
        return find().orElseThrow(() -> new AssertionError(where + ". The rendered kustomize overlays cannot be "
                + "validated without it: install kubectl 1.27 or later (its built-in kustomize v5 renders the "
                + "overlays; no cluster is needed) or set KUBECTL to its path."));
    }

    /** The YAML that "kubectl kustomize directory" renders. */
    static String kustomize(Path directory) {
        return run(null, "kustomize", directory.toString());
    }

    /**
     * The documents of a YAML stream as kubectl itself decodes them (the decoding of "kubectl apply -f"),
     * as a stream of JSON objects. Uses "label --local", which only adds an empty metadata.labels.
     */
    static String decodeAsJson(String yaml) {
        return run(yaml, "label", "--local", "-f", "-", "-o", "json", "annometrics-test-probe-");
    }

    /**
     * {@link #decodeAsJson} as trees, comparable with what {@link Yaml} reads once both went
     * through {@link #comparable}.
     */
    static List<JsonNode> decode(String yaml) {
        try {
            return JSON.readerFor(JsonNode.class).<JsonNode>readValues(decodeAsJson(yaml)).readAll().stream()
                    .map(Kubectl::comparable).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of a document in which numbers are compared by value (kubectl prints 1.0e+3 as 1000) and
     * metadata.labels exists (kubectl's "label --local" adds it, empty, where it is missing).
     */
    static JsonNode comparable(JsonNode document) {
        JsonNode copy = numbersByValue(document);
        if (copy.isObject()) {
            ObjectNode object = (ObjectNode) copy;
            JsonNode metadata = object.get("metadata");
            ObjectNode meta = metadata instanceof ObjectNode ? (ObjectNode) metadata : object.putObject("metadata");
            if (!meta.has("labels")) {
                meta.putObject("labels");
            }
        }
        return copy;
    }

    private static JsonNode numbersByValue(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return JsonNodeFactory.instance.numberNode(value.scale() < 0 ? value.setScale(0) : value);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), numbersByValue(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(numbersByValue(item)));
            return copy;
        }
        return node;
    }

    private static String run(String stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Never reach a cluster, whatever the machine's configuration says.
        builder.environment().put("KUBECONFIG", File.separatorChar == '/' ? "/dev/null" : "NUL");
        try {
            Process process = builder.start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "kubectl-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
