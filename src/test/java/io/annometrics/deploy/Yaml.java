package io.annometrics.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML documents of a manifest file as JSON trees; duplicate keys are an error. */
final class Yaml {

    /** The text is not YAML that this reader accepts. */
    static final class YamlException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        YamlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Yaml() {
    }

    /** Every non-empty document of {@code yaml}, in order. */
    static List<JsonNode> readAll(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new YamlException(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""), e);
        }
        return documents;
    }
}
