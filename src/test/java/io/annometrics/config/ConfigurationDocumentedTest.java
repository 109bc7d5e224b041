package io.annometrics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps the README's configuration table in step with the code: every setting of
 * {@link AnnometricsConfig} is listed by its environment variable, nothing is listed that the code
 * does not read, and every {@code annometrics.*} key of application.properties is a real setting.
 */
class ConfigurationDocumentedTest {

    /** Quarkus settings the README documents for operators; each must still exist in this Quarkus. */
    private static final Set<String> QUARKUS_SETTINGS = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_ID", "QUARKUS_OIDC_TOKEN_AUDIENCE", "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH",
            "QUARKUS_HTTP_CORS_ORIGINS", "QUARKUS_SMALLRYE_GRAPHQL_FIELD_VISIBILITY");

    @Test
    void theReadmeListsExactlyTheSettingsOfTheCode() throws IOException {
        Set<String> documented = documentedVariables();
        Set<String> annometrics = new TreeSet<>();
        documented.stream().filter(v -> v.startsWith("ANNOMETRICS_")).forEach(annometrics::add);
        assertEquals(settingsOfTheCode(), annometrics, "ANNOMETRICS_* variables in the README's Configuration table");

        Set<String> others = new TreeSet<>(documented);
        others.removeAll(annometrics);
        assertEquals(new TreeSet<>(QUARKUS_SETTINGS), others, "other variables in the README's Configuration table");
    }

    @Test
    void everyAnnometricsKeyOfApplicationPropertiesIsASetting() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Set<String> code = settingsOfTheCode();
        for (String key : properties.stringPropertyNames()) {
            String plain = key.replaceFirst("^%[^.]+\\.", "");
            if (plain.startsWith("annometrics.")) {
                assertTrue(code.contains(toVariable(plain)), key + " is not a setting of AnnometricsConfig");
            }
        }
    }

    /** The environment variables of every setting of {@link AnnometricsConfig}. */
    static Set<String> settingsOfTheCode() {
        Set<String> variables = new TreeSet<>();
        for (Method group : AnnometricsConfig.class.getDeclaredMethods()) {
            for (Method setting : group.getReturnType().getDeclaredMethods()) {
                variables.add(toVariable("annometrics." + kebab(group.getName()) + "." + kebab(setting.getName())));
            }
        }
        return variables;
    }

    private static Set<String> documentedVariables() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertTrue(start >= 0, "README.md has a section '## Configuration'");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> variables = new TreeSet<>();
        for (String line : new java.io.BufferedReader(new StringReader(section)).lines().toList()) {
            if (line.startsWith("| `")) {
                Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(line.substring(0, line.indexOf('|', 1)));
                while (m.find()) {
                    variables.add(m.group(1));
                }
            }
        }
        return variables;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String toVariable(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
