package io.annometrics.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the contract (the copy of operations.graphql on the test class path), each as its
 * own document exactly as written there, so that every request carries one operation only.
 */
final class Contract {

    private static final String RESOURCE = "contract/operations.graphql";
    private static final Pattern OPERATION = Pattern.compile("(?m)^(query|mutation)\\s+(\\w+)");

    private final Map<String, String> operations;

    private Contract(Map<String, String> operations) {
        this.operations = operations;
    }

    static Contract load() {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Contract parse(String document) {
        Map<String, String> operations = new LinkedHashMap<>();
        Matcher matcher = OPERATION.matcher(document);
        while (matcher.find()) {
            int end = matchingBrace(document, document.indexOf('{', matcher.end()));
            operations.put(matcher.group(2), document.substring(matcher.start(), end + 1));
        }
        return new Contract(operations);
    }

    /** The text of operation {@code name}. */
    String operation(String name) {
        String text = operations.get(name);
        if (text == null) {
            throw new IllegalArgumentException("The contract has no operation " + name + "; it has " + operations.keySet());
        }
        return text;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') {
                i = Math.max(i, text.indexOf('\n', i));
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces in the contract");
    }
}
