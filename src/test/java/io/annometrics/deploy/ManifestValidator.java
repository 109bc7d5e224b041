package io.annometrics.deploy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Validates Kubernetes manifests strictly, without a cluster: every YAML document is read into the
 * fabric8 class of its apiVersion/kind, and every field the schema does not know, every value of the
 * wrong type and every reference that does not resolve is reported.
 *
 * <p>Unknown fields: fabric8's model classes accept any field into an {@code additionalProperties} map
 * (a {@code @JsonAnySetter}), so FAIL_ON_UNKNOWN_PROPERTIES alone never fires. After deserializing, the
 * validator walks the whole object graph, with Jackson's own view of each class's properties, and
 * reports every non-empty {@code additionalProperties} map with its path. As a second net it serializes
 * the typed object back to a tree and reports every input value that did not survive the round trip.
 *
 * <p>Wrong types: scalar coercions that Jackson allows by default ("2" into an int, 2.5 into an int,
 * 1 into a boolean, true into a string) are turned off, as are single values in place of lists.
 * {@code IntOrString} and {@code Quantity} accept anything in fabric8, so their values are checked here.
 */
final class ManifestValidator {

    /** What a YAML text holds. */
    enum Mode {
        /** Complete resources (a committed manifest file); references are checked among the resources present. */
        RESOURCES,
        /** Strategic-merge patches of an overlay: only the schema is checked; "$patch" directives are allowed. */
        PATCHES,
        /** The whole output of a kustomization: additionally, every reference must resolve within it. */
        RENDERED
    }

    /** The outcome of one validation: the problems found and what was read. */
    static final class Report {
        final String source;
        final List<String> problems = new ArrayList<>();
        final List<HasMetadata> resources = new ArrayList<>();
        /** Custom resources (ServiceMonitor), as trees. */
        final List<JsonNode> customResources = new ArrayList<>();
        /** Documents that could not be read into their schema. */
        int unreadable;

        Report(String source) {
            this.source = source;
        }

        boolean ok() {
            return problems.isEmpty();
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return resources.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError(source + ": expected exactly one " + type.getSimpleName() + ", found "
                        + found.size());
            }
            return found.get(0);
        }

        String summary() {
            return source + ": " + problems.size() + " problem(s)" + problems.stream()
                    .map(p -> "\n  - " + p).collect(Collectors.joining());
        }
    }

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    private static final String SERVICE_MONITOR = "monitoring.coreos.com/v1/ServiceMonitor";

    private static final Pattern DNS_SUBDOMAIN = Pattern
            .compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern QUANTITY = Pattern
            .compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");
    private static final Pattern PROMETHEUS_DURATION = Pattern
            .compile("(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.POJO, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Map, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Collection, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    /** The JSON properties of each fabric8 class, as Jackson sees them (name and accessor). */
    private final Map<Class<?>, Map<String, AnnotatedMember>> properties = new ConcurrentHashMap<>();

    // =================================================================================================
    // Entry points
    // =================================================================================================

    Report validate(String source, String yaml, Mode mode) {
        Report report = new Report(source);
        List<JsonNode> documents;
        try {
            documents = Yaml.readAll(yaml);
        } catch (Yaml.YamlException e) {
            report.problems.add("YAML: " + e.getMessage());
            return report;
        }
        if (documents.isEmpty()) {
            report.problems.add("no YAML document");
        }
        for (int i = 0; i < documents.size(); i++) {
            readDocument(report, "document " + (i + 1), documents.get(i), mode);
        }
        if (mode != Mode.PATCHES) {
            for (HasMetadata resource : report.resources) {
                checkResource(report, resource);
            }
            for (JsonNode custom : report.customResources) {
                checkMetadataNames(report, id(custom), mapper.convertValue(custom.get("metadata"), ObjectMeta.class));
            }
            if (report.unreadable == 0) {
                // With a document that could not be read, every reference to it would be reported again.
                checkReferences(report, mode == Mode.RENDERED);
            }
        }
        return report;
    }

    // =================================================================================================
    // Schema: typed deserialization, unknown fields, wrong types
    // =================================================================================================

    private void readDocument(Report report, String where, JsonNode document, Mode mode) {
        if (!document.isObject()) {
            report.problems.add(where + ": a manifest must be a mapping, not " + document.getNodeType());
            report.unreadable++;
            return;
        }
        JsonNode apiVersion = document.get("apiVersion");
        JsonNode kind = document.get("kind");
        if (apiVersion == null || !apiVersion.isTextual() || kind == null || !kind.isTextual()) {
            report.problems.add(where + ": apiVersion and kind must be strings");
            report.unreadable++;
            return;
        }
        String typeKey = apiVersion.asText() + "/" + kind.asText();
        JsonNode metadata = document.get("metadata");
        String name = metadata != null && metadata.get("name") != null ? metadata.get("name").asText() : "?";
        String id = kind.asText() + "/" + name;
        if (SERVICE_MONITOR.equals(typeKey)) {
            List<String> problems = new ArrayList<>();
            checkServiceMonitorSchema(document, mode, problems);
            problems.forEach(p -> report.problems.add(id + ": " + p));
            if (problems.isEmpty()) {
                report.customResources.add(document);
            } else {
                report.unreadable++;
            }
            return;
        }
        Class<? extends HasMetadata> type = TYPES.get(typeKey);
        if (type == null) {
            report.problems.add(id + ": unsupported apiVersion/kind '" + typeKey + "' (known: "
                    + new TreeSet<>(TYPES.keySet()) + ", " + SERVICE_MONITOR + ")");
            report.unreadable++;
            return;
        }
        JsonNode input = mode == Mode.PATCHES ? withoutPatchDirectives(document) : document;
        List<String> problems = new ArrayList<>();
        Object typed = strictlyRead(input, type, "", problems);
        problems.forEach(p -> report.problems.add(id + ": " + p));
        if (typed == null) {
            report.unreadable++;
        } else {
            // Kept even with schema problems, so that references to it still resolve.
            report.resources.add(type.cast(typed));
        }
    }

    /** input as an instance of type, with every unknown field, wrong type and lost value reported. */
    private <T> T strictlyRead(JsonNode input, Class<T> type, String path, List<String> problems) {
        T typed;
        try {
            typed = mapper.treeToValue(input, type);
        } catch (JsonProcessingException e) {
            problems.add(describe(e, path));
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(join(path, "") + ": " + e.getMessage());
            return null;
        }
        int before = problems.size();
        walk(typed, path, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (problems.size() == before) {
            compareRoundTrip(input, mapper.valueToTree(typed), path, problems);
        }
        return typed;
    }

    private static String describe(JsonProcessingException e, String base) {
        StringBuilder path = new StringBuilder(base);
        if (e instanceof JsonMappingException) {
            for (JsonMappingException.Reference reference : ((JsonMappingException) e).getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        String message = e.getOriginalMessage().replace(" (but might if coercion using `CoercionConfig` was enabled)", "");
        int newline = message.indexOf('\n');
        return (path.length() == 0 ? "(root)" : path) + ": wrong type or value: "
                + (newline > 0 ? message.substring(0, newline) : message);
    }

    /**
     * Visits every value under a fabric8 object: reports fields that landed in additionalProperties
     * (unknown to the schema) and IntOrString/Quantity values of the wrong shape.
     */
    private void walk(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum || !seen.add(value)) {
            return;
        }
        if (value instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                walk(entry.getValue(), path + "[" + entry.getKey() + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Collection) {
            int i = 0;
            for (Object item : (Collection<?>) value) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof IntOrString) {
            Object v = ((IntOrString) value).getValue();
            if (!(v instanceof Integer || v instanceof String)) {
                problems.add(join(path, "") + ": wrong type: must be an integer or a string, not " + describeValue(v));
            }
            return;
        }
        if (value instanceof Quantity) {
            Quantity q = (Quantity) value;
            String text = Objects.toString(q.getAmount(), "") + Objects.toString(q.getFormat(), "");
            if (!QUANTITY.matcher(text).matches()) {
                problems.add(join(path, "") + ": '" + text + "' is not a quantity (e.g. 250m, 1, 384Mi, 1Gi)");
            }
            return;
        }
        if (value instanceof AnyType) {
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            problems.add(join(path, "") + ": unexpected value " + describeValue(value));
            return;
        }
        Map<String, Object> additional = additionalProperties(value);
        if (additional != null && !additional.isEmpty()) {
            for (String field : additional.keySet()) {
                problems.add(join(path, field) + ": unknown field (not in the schema of "
                        + value.getClass().getSimpleName() + ")");
            }
        }
        for (Map.Entry<String, AnnotatedMember> property : propertiesOf(value.getClass()).entrySet()) {
            walk(property.getValue().getValue(value), join(path, property.getKey()), problems, seen);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Object value) {
        try {
            return (Map<String, Object>) value.getClass().getMethod("getAdditionalProperties").invoke(value);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, AnnotatedMember> propertiesOf(Class<?> type) {
        return properties.computeIfAbsent(type, t -> {
            BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(t));
            Map<String, AnnotatedMember> found = new LinkedHashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                AnnotatedMember accessor = property.getAccessor();
                if (accessor != null) {
                    accessor.fixAccess(true);
                    found.put(property.getName(), accessor);
                }
            }
            return found;
        });
    }

    /** Reports every value of the input that the typed object does not give back. */
    private static void compareRoundTrip(JsonNode input, JsonNode output, String path, List<String> problems) {
        if (input == null || input.isNull()) {
            return;
        }
        boolean emptyContainer = (input.isObject() || input.isArray()) && input.isEmpty();
        if (output == null || output.isNull() || output.isMissingNode()) {
            if (!emptyContainer) {
                problems.add(join(path, "") + ": value lost when read into the schema (ignored field?)");
            }
            return;
        }
        if (input.isObject()) {
            if (!output.isObject()) {
                problems.add(join(path, "") + ": read as " + output.getNodeType() + ", not as a mapping");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                compareRoundTrip(field.getValue(), output.get(field.getKey()), join(path, field.getKey()), problems);
            }
        } else if (input.isArray()) {
            if (!output.isArray() || output.size() != input.size()) {
                problems.add(join(path, "") + ": list not read back as given");
                return;
            }
            for (int i = 0; i < input.size(); i++) {
                compareRoundTrip(input.get(i), output.get(i), path + "[" + i + "]", problems);
            }
        } else if (!input.equals(output) && !(input.isNumber() && output.isNumber()
                && input.decimalValue().compareTo(output.decimalValue()) == 0)
                && !(output.isTextual() && output.asText().equals(input.asText()))) {
            // Numbers may come back wider (int as long); quantities as strings ("1" for 1).
            problems.add(join(path, "") + ": value " + input + " read back as " + output);
        }
    }

    private static JsonNode withoutPatchDirectives(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                if (!(key.equals("$patch") || key.equals("$retainKeys") || key.startsWith("$setElementOrder/")
                        || key.startsWith("$deleteFromPrimitiveList/"))) {
                    copy.set(key, withoutPatchDirectives(field.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(withoutPatchDirectives(item)));
            return copy;
        }
        return node;
    }

    // =================================================================================================
    // ServiceMonitor (a CRD, not in the fabric8 core model): its known fields, checked by hand
    // =================================================================================================

    private static final Set<String> SM_TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> SM_SPEC = Set.of("selector", "endpoints", "namespaceSelector", "jobLabel",
            "targetLabels", "podTargetLabels", "sampleLimit");
    private static final Set<String> SM_ENDPOINT = Set.of("port", "targetPort", "path", "scheme", "interval",
            "scrapeTimeout", "honorLabels", "honorTimestamps");
    private static final Set<String> SM_NAMESPACE_SELECTOR = Set.of("any", "matchNames");

    private void checkServiceMonitorSchema(JsonNode document, Mode mode, List<String> problems) {
        unknownFields(document, SM_TOP, "", problems);
        JsonNode metadata = document.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            problems.add("metadata: required mapping");
        } else {
            strictlyRead(metadata, ObjectMeta.class, "metadata", problems);
        }
        JsonNode spec = document.get("spec");
        if (spec == null || !spec.isObject()) {
            problems.add("spec: required mapping");
            return;
        }
        unknownFields(spec, SM_SPEC, "spec", problems);
        if (spec.has("selector")) {
            strictlyRead(spec.get("selector"), LabelSelector.class, "spec.selector", problems);
        } else if (mode != Mode.PATCHES) {
            problems.add("spec.selector: required");
        }
        if (spec.has("namespaceSelector")) {
            JsonNode ns = spec.get("namespaceSelector");
            if (expect(ns, JsonNode::isObject, "a mapping", "spec.namespaceSelector", problems)) {
                unknownFields(ns, SM_NAMESPACE_SELECTOR, "spec.namespaceSelector", problems);
                optional(ns, "any", JsonNode::isBoolean, "a boolean", "spec.namespaceSelector", problems);
                stringList(ns.get("matchNames"), "spec.namespaceSelector.matchNames", problems);
            }
        }
        optional(spec, "jobLabel", JsonNode::isTextual, "a string", "spec", problems);
        optional(spec, "sampleLimit", n -> n.isIntegralNumber() && n.asLong() >= 0, "a non-negative integer", "spec",
                problems);
        stringList(spec.get("targetLabels"), "spec.targetLabels", problems);
        stringList(spec.get("podTargetLabels"), "spec.podTargetLabels", problems);
        JsonNode endpoints = spec.get("endpoints");
        if (endpoints == null) {
            if (mode != Mode.PATCHES) {
                problems.add("spec.endpoints: required");
            }
            return;
        }
        if (!expect(endpoints, n -> n.isArray() && !n.isEmpty(), "a non-empty list", "spec.endpoints", problems)) {
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            String at = "spec.endpoints[" + i + "]";
            JsonNode endpoint = endpoints.get(i);
            if (!expect(endpoint, JsonNode::isObject, "a mapping", at, problems)) {
                continue;
            }
            unknownFields(endpoint, SM_ENDPOINT, at, problems);
            if (!endpoint.has("port") && mode != Mode.PATCHES) {
                problems.add(at + ".port: required (the name of a Service port)");
            }
            optional(endpoint, "port", JsonNode::isTextual, "a string (a Service port name)", at, problems);
            optional(endpoint, "targetPort", n -> n.isInt() || n.isTextual(), "an integer or a string", at, problems);
            optional(endpoint, "path", n -> n.isTextual() && n.asText().startsWith("/"), "a path starting with /",
                    at, problems);
            optional(endpoint, "scheme", n -> n.isTextual() && Set.of("http", "https").contains(n.asText()),
                    "http or https", at, problems);
            optional(endpoint, "interval", ManifestValidator::isDuration, "a duration such as 30s", at, problems);
            optional(endpoint, "scrapeTimeout", ManifestValidator::isDuration, "a duration such as 10s", at,
                    problems);
            optional(endpoint, "honorLabels", JsonNode::isBoolean, "a boolean", at, problems);
            optional(endpoint, "honorTimestamps", JsonNode::isBoolean, "a boolean", at, problems);
            if (isDuration(endpoint.get("interval")) && isDuration(endpoint.get("scrapeTimeout"))
                    && seconds(endpoint.get("scrapeTimeout").asText()) > seconds(endpoint.get("interval").asText())) {
                problems.add(at + ".scrapeTimeout: longer than the interval");
            }
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, List<String> problems) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(join(path, field) + ": unknown field (known: " + new TreeSet<>(known) + ")");
            }
        });
    }

    private static boolean expect(JsonNode node, Predicate<JsonNode> test, String what,
            String path, List<String> problems) {
        if (node == null || !test.test(node)) {
            problems.add(path + ": wrong type or value: must be " + what + ", not " + node);
            return false;
        }
        return true;
    }

    private static void optional(JsonNode parent, String field, Predicate<JsonNode> test,
            String what, String path, List<String> problems) {
        JsonNode node = parent.get(field);
        if (node != null && !node.isNull()) {
            expect(node, test, what, join(path, field), problems);
        }
    }

    private static void stringList(JsonNode node, String path, List<String> problems) {
        if (node != null && !node.isNull()
                && expect(node, JsonNode::isArray, "a list of strings", path, problems)) {
            for (int i = 0; i < node.size(); i++) {
                expect(node.get(i), JsonNode::isTextual, "a string", path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean isDuration(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty()
                && PROMETHEUS_DURATION.matcher(node.asText()).matches();
    }

    private static double seconds(String duration) {
        Matcher m = PROMETHEUS_DURATION.matcher(duration);
        if (!m.matches()) {
            throw new IllegalArgumentException(duration);
        }
        double[] unit = { 365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001 };
        double total = 0;
        for (int i = 0; i < unit.length; i++) {
            String digits = m.group(2 + 2 * i);
            if (digits != null) {
                total += Long.parseLong(digits) * unit[i];
            }
        }
        return total;
    }

    // =================================================================================================
    // Per-resource rules
    // =================================================================================================

    private void checkResource(Report report, HasMetadata resource) {
        String id = id(resource);
        checkMetadataNames(report, id, resource.getMetadata());
        if (resource instanceof Deployment) {
            checkDeployment(report, id, (Deployment) resource);
        } else if (resource instanceof Service) {
            checkService(report, id, (Service) resource);
        } else if (resource instanceof PodDisruptionBudget) {
            checkPodDisruptionBudget(report, id, (PodDisruptionBudget) resource);
        } else if (resource instanceof HorizontalPodAutoscaler) {
            checkAutoscaler(report, id, (HorizontalPodAutoscaler) resource);
        } else if (resource instanceof NetworkPolicy) {
            checkNetworkPolicy(report, id, (NetworkPolicy) resource);
        } else if (resource instanceof ConfigMap) {
            ConfigMap map = (ConfigMap) resource;
            keys(report, id, "data", map.getData());
            keys(report, id, "binaryData", map.getBinaryData());
        } else if (resource instanceof Secret) {
            Secret secret = (Secret) resource;
            keys(report, id, "data", secret.getData());
            keys(report, id, "stringData", secret.getStringData());
        }
    }

    private static void keys(Report report, String id, String field, Map<String, String> map) {
        if (map != null) {
            map.keySet().stream().filter(k -> !CONFIG_KEY.matcher(k).matches())
                    .forEach(k -> report.problems.add(id + ": " + field + "[" + k + "]: invalid key"));
        }
    }

    private static void checkMetadataNames(Report report, String id, ObjectMeta metadata) {
        if (metadata == null || metadata.getName() == null || metadata.getName().isEmpty()) {
            report.problems.add(id + ": metadata.name: required");
            return;
        }
        if (!DNS_SUBDOMAIN.matcher(metadata.getName()).matches() || metadata.getName().length() > 253) {
            report.problems.add(id + ": metadata.name: not a valid DNS subdomain name");
        }
        if (metadata.getNamespace() != null && !DNS_LABEL.matcher(metadata.getNamespace()).matches()) {
            report.problems.add(id + ": metadata.namespace: not a valid DNS label");
        }
        checkLabels(report, id, "metadata.labels", metadata.getLabels());
    }

    private static void checkLabels(Report report, String id, String path, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            if (!validLabelKey(key)) {
                report.problems.add(id + ": " + path + "[" + key + "]: invalid label key");
            }
            if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
                report.problems.add(id + ": " + path + "[" + key + "]: invalid label value '" + value + "'");
            }
        });
    }

    private static boolean validLabelKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        String prefix = slash < 0 ? null : key.substring(0, slash);
        return name.length() <= 63 && LABEL_NAME.matcher(name).matches()
                && (prefix == null || prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
    }

    private static void checkSelector(Report report, String id, String path, LabelSelector selector,
            boolean mayBeEmpty) {
        if (selector == null) {
            report.problems.add(id + ": " + path + ": required");
            return;
        }
        if (!mayBeEmpty && selectorIsEmpty(selector)) {
            report.problems.add(id + ": " + path + ": must not be empty (it would select every pod)");
        }
        checkLabels(report, id, path + ".matchLabels", selector.getMatchLabels());
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        for (int i = 0; expressions != null && i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            String at = id + ": " + path + ".matchExpressions[" + i + "]";
            if (r.getKey() == null || !validLabelKey(r.getKey())) {
                report.problems.add(at + ".key: required label key");
            }
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            String operator = r.getOperator();
            if ("In".equals(operator) || "NotIn".equals(operator)) {
                if (values.isEmpty()) {
                    report.problems.add(at + ".values: required for operator " + operator);
                }
            } else if ("Exists".equals(operator) || "DoesNotExist".equals(operator)) {
                if (!values.isEmpty()) {
                    report.problems.add(at + ".values: must be empty for operator " + operator);
                }
            } else {
                report.problems.add(at + ".operator: must be In, NotIn, Exists or DoesNotExist, not " + operator);
            }
        }
    }

    private static boolean selectorIsEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** Whether the selector selects a pod with these labels (Kubernetes semantics). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!Objects.equals(have.get(wanted.getKey()), wanted.getValue())) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                boolean present = have.containsKey(r.getKey());
                boolean ok;
                switch (String.valueOf(r.getOperator())) {
                    case "In": ok = present && values.contains(have.get(r.getKey())); break;
                    case "NotIn": ok = !present || !values.contains(have.get(r.getKey())); break;
                    case "Exists": ok = present; break;
                    case "DoesNotExist": ok = !present; break;
                    default: ok = false;
                }
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a Service's map selector (never empty here) selects a pod with these labels. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> Objects.equals(have.get(e.getKey()), e.getValue()));
    }

    private void checkDeployment(Report report, String id, Deployment deployment) {
        if (deployment.getSpec() == null) {
            report.problems.add(id + ": spec: required");
            return;
        }
        Integer replicas = deployment.getSpec().getReplicas();
        if (replicas != null && replicas < 0) {
            report.problems.add(id + ": spec.replicas: must not be negative");
        }
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        if (template == null || template.getSpec() == null) {
            report.problems.add(id + ": spec.template.spec: required");
            return;
        }
        Map<String, String> podLabels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        checkLabels(report, id, "spec.template.metadata.labels", podLabels);
        LabelSelector selector = deployment.getSpec().getSelector();
        checkSelector(report, id, "spec.selector", selector, false);
        if (selector != null && !selectorIsEmpty(selector) && !matches(selector, podLabels)) {
            report.problems.add(id + ": spec.selector " + describeSelector(selector)
                    + " does not match the pod template labels " + podLabels);
        }
        checkPodSpec(report, id, "spec.template.spec", template.getSpec(), podLabels);
    }

    private void checkPodSpec(Report report, String id, String path, PodSpec pod, Map<String, String> podLabels) {
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            report.problems.add(id + ": " + path + ": must not share the host's network, PID or IPC namespace");
        }
        Set<String> volumes = new HashSet<>();
        for (Volume volume : pod.getVolumes()) {
            if (volume.getName() == null || !volumes.add(volume.getName())) {
                report.problems.add(id + ": " + path + ".volumes: missing or duplicate name " + volume.getName());
            }
            if (volume.getHostPath() != null) {
                report.problems.add(id + ": " + path + ".volumes[" + volume.getName() + "]: hostPath is not allowed");
            }
        }
        if (pod.getContainers().isEmpty()) {
            report.problems.add(id + ": " + path + ".containers: at least one container is required");
        }
        if (pod.getTopologySpreadConstraints() != null) {
            for (int i = 0; i < pod.getTopologySpreadConstraints().size(); i++) {
                LabelSelector spread = pod.getTopologySpreadConstraints().get(i).getLabelSelector();
                if (spread != null && !matches(spread, podLabels)) {
                    report.problems.add(id + ": " + path + ".topologySpreadConstraints[" + i
                            + "].labelSelector does not match the pod's own labels");
                }
            }
        }
        Set<String> names = new HashSet<>();
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        for (Container container : all) {
            String at = path + ".containers[" + container.getName() + "]";
            if (container.getName() == null || !DNS_LABEL.matcher(container.getName()).matches()
                    || !names.add(container.getName())) {
                report.problems.add(id + ": " + at + ".name: missing, invalid or duplicate");
            }
            if (container.getImage() == null || container.getImage().isBlank()) {
                report.problems.add(id + ": " + at + ".image: required");
            }
            checkPorts(report, id, at, container);
            checkResources(report, id, at, container.getResources());
            checkProbe(report, id, at + ".startupProbe", container.getStartupProbe(), container);
            checkProbe(report, id, at + ".readinessProbe", container.getReadinessProbe(), container);
            checkProbe(report, id, at + ".livenessProbe", container.getLivenessProbe(), container);
            if (container.getLifecycle() != null) {
                checkHandler(report, id, at + ".lifecycle.preStop", container.getLifecycle().getPreStop(), container);
                checkHandler(report, id, at + ".lifecycle.postStart", container.getLifecycle().getPostStart(),
                        container);
            }
            checkSecurity(report, id, at, pod.getSecurityContext(), container.getSecurityContext());
            container.getVolumeMounts().forEach(mount -> {
                if (!volumes.contains(mount.getName())) {
                    report.problems.add(id + ": " + at + ".volumeMounts[" + mount.getMountPath() + "]: no volume named "
                            + mount.getName());
                }
            });
            Set<String> env = new HashSet<>();
            container.getEnv().forEach(var -> {
                if (var.getName() == null || !ENV_NAME.matcher(var.getName()).matches() || !env.add(var.getName())) {
                    report.problems.add(id + ": " + at + ".env[" + var.getName() + "]: missing, invalid or duplicate name");
                }
                if (var.getValue() != null && var.getValueFrom() != null) {
                    report.problems.add(id + ": " + at + ".env[" + var.getName() + "]: both value and valueFrom");
                }
            });
        }
    }

    private static void checkPorts(Report report, String id, String at, Container container) {
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (ContainerPort port : container.getPorts()) {
            Integer number = port.getContainerPort();
            if (number == null || number < 1 || number > 65535) {
                report.problems.add(id + ": " + at + ".ports: containerPort must be 1-65535, not " + number);
            } else if (!numbers.add(number)) {
                report.problems.add(id + ": " + at + ".ports: duplicate containerPort " + number);
            }
            if (port.getName() != null && (!validPortName(port.getName()) || !names.add(port.getName()))) {
                report.problems.add(id + ": " + at + ".ports: invalid or duplicate port name '" + port.getName() + "'");
            }
            if (port.getProtocol() != null && !Set.of("TCP", "UDP", "SCTP").contains(port.getProtocol())) {
                report.problems.add(id + ": " + at + ".ports: protocol must be TCP, UDP or SCTP");
            }
        }
    }

    private static boolean validPortName(String name) {
        return name.length() <= 15 && PORT_NAME.matcher(name).matches() && name.chars().anyMatch(Character::isLetter)
                && !name.contains("--");
    }

    private static void checkResources(Report report, String id, String at, ResourceRequirements resources) {
        Map<String, Quantity> requests = resources == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests.get(resource);
            Quantity limit = limits.get(resource);
            if (request == null) {
                report.problems.add(id + ": " + at + ".resources.requests." + resource + ": required");
            }
            if (limit == null) {
                report.problems.add(id + ": " + at + ".resources.limits." + resource + ": required");
            }
            if (request != null && limit != null) {
                BigDecimal requested = amount(request);
                BigDecimal limited = amount(limit);
                if (requested != null && limited != null && requested.compareTo(limited) > 0) {
                    report.problems.add(id + ": " + at + ".resources: " + resource + " request " + request
                            + " exceeds its limit " + limit);
                }
            }
        }
    }

    private static BigDecimal amount(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException e) {
            return null; // already reported as a malformed quantity
        }
    }

    private static void checkProbe(Report report, String id, String at, Probe probe, Container container) {
        if (probe == null) {
            return;
        }
        long handlers = Stream.of(probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc())
                .filter(Objects::nonNull).count();
        if (handlers != 1) {
            report.problems.add(id + ": " + at + ": exactly one of exec, httpGet, tcpSocket, grpc is required");
        }
        if (probe.getHttpGet() != null) {
            checkHttpPath(report, id, at, probe.getHttpGet().getPath());
            checkContainerPort(report, id, at + ".httpGet.port", probe.getHttpGet().getPort(), container);
        }
        if (probe.getTcpSocket() != null) {
            checkContainerPort(report, id, at + ".tcpSocket.port", probe.getTcpSocket().getPort(), container);
        }
        if (probe.getGrpc() != null) {
            Integer port = probe.getGrpc().getPort();
            checkContainerPort(report, id, at + ".grpc.port", port == null ? null : new IntOrString(port), container);
        }
        for (Integer value : new Integer[] { probe.getPeriodSeconds(), probe.getTimeoutSeconds(),
                probe.getFailureThreshold(), probe.getSuccessThreshold() }) {
            if (value != null && value < 1) {
                report.problems.add(id + ": " + at + ": periods, timeouts and thresholds must be at least 1");
            }
        }
    }

    private static void checkHandler(Report report, String id, String at, LifecycleHandler handler,
            Container container) {
        if (handler == null) {
            return;
        }
        long handlers = Stream.of(handler.getExec(), handler.getHttpGet(), handler.getTcpSocket(), handler.getSleep())
                .filter(Objects::nonNull).count();
        if (handlers != 1) {
            report.problems.add(id + ": " + at + ": exactly one of exec, httpGet, tcpSocket, sleep is required");
        }
        if (handler.getExec() != null && handler.getExec().getCommand().isEmpty()) {
            report.problems.add(id + ": " + at + ".exec.command: required");
        }
        if (handler.getHttpGet() != null) {
            checkHttpPath(report, id, at, handler.getHttpGet().getPath());
            checkContainerPort(report, id, at + ".httpGet.port", handler.getHttpGet().getPort(), container);
        }
        if (handler.getTcpSocket() != null) {
            checkContainerPort(report, id, at + ".tcpSocket.port", handler.getTcpSocket().getPort(), container);
        }
    }

    private static void checkHttpPath(Report report, String id, String at, String path) {
        if (path != null && !path.startsWith("/")) {
            report.problems.add(id + ": " + at + ".httpGet.path: must start with /");
        }
    }

    /** A probe's or handler's port must name, or number, a port the container declares. */
    private static void checkContainerPort(Report report, String id, String at, IntOrString port,
            Container container) {
        if (port == null || port.getValue() == null) {
            report.problems.add(id + ": " + at + ": required");
            return;
        }
        if (!containerHasPort(container, port)) {
            report.problems.add(id + ": " + at + ": the container declares no port " + describePort(port)
                    + " (its ports: " + describePorts(container) + ")");
        }
    }

    private static boolean containerHasPort(Container container, IntOrString port) {
        Object value = port.getValue();
        return container.getPorts().stream().anyMatch(p -> value instanceof String
                ? value.equals(p.getName())
                : Objects.equals(value, p.getContainerPort()));
    }

    private static String describePort(IntOrString port) {
        return port.getValue() instanceof String ? "named '" + port.getValue() + "'" : String.valueOf(port.getValue());
    }

    private static String describePorts(Container container) {
        return container.getPorts().stream().map(p -> p.getName() == null ? String.valueOf(p.getContainerPort())
                : p.getName() + "=" + p.getContainerPort()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static void checkSecurity(Report report, String id, String at, PodSecurityContext pod,
            SecurityContext container) {
        PodSecurityContext p = pod == null ? new PodSecurityContext() : pod;
        SecurityContext c = container == null ? new SecurityContext() : container;
        String where = id + ": " + at + ".securityContext";
        if (!Boolean.TRUE.equals(first(c.getRunAsNonRoot(), p.getRunAsNonRoot()))) {
            report.problems.add(where + ": runAsNonRoot must be true (in the container or the pod)");
        }
        Long user = first(c.getRunAsUser(), p.getRunAsUser());
        if (user != null && user == 0) {
            report.problems.add(where + ": runAsUser must not be 0 (root)");
        }
        if (!Boolean.TRUE.equals(c.getReadOnlyRootFilesystem())) {
            report.problems.add(where + ": readOnlyRootFilesystem must be true");
        }
        if (!Boolean.FALSE.equals(c.getAllowPrivilegeEscalation())) {
            report.problems.add(where + ": allowPrivilegeEscalation must be false");
        }
        if (Boolean.TRUE.equals(c.getPrivileged())) {
            report.problems.add(where + ": privileged must not be true");
        }
        if (c.getCapabilities() == null || !c.getCapabilities().getDrop().contains("ALL")) {
            report.problems.add(where + ": capabilities.drop must contain ALL");
        } else if (c.getCapabilities().getAdd().stream().anyMatch(cap -> !cap.equals("NET_BIND_SERVICE"))) {
            report.problems.add(where + ": capabilities.add may hold NET_BIND_SERVICE only");
        }
        SeccompProfile seccomp = first(c.getSeccompProfile(), p.getSeccompProfile());
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            report.problems.add(where + ": seccompProfile.type must be RuntimeDefault or Localhost");
        }
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void checkService(Report report, String id, Service service) {
        if (service.getSpec() == null) {
            report.problems.add(id + ": spec: required");
            return;
        }
        String type = service.getSpec().getType();
        if (type != null && !Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName").contains(type)) {
            report.problems.add(id + ": spec.type: must be ClusterIP, NodePort, LoadBalancer or ExternalName");
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            report.problems.add(id + ": spec.selector: required");
        }
        checkLabels(report, id, "spec.selector", selector);
        List<ServicePort> ports = service.getSpec().getPorts();
        if (ports.isEmpty()) {
            report.problems.add(id + ": spec.ports: at least one port is required");
        }
        Set<String> names = new HashSet<>();
        for (ServicePort port : ports) {
            String at = id + ": spec.ports[" + port.getName() + "]";
            if (port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
                report.problems.add(at + ".port: must be 1-65535");
            }
            if (ports.size() > 1 && port.getName() == null) {
                report.problems.add(at + ".name: required when there are several ports");
            }
            if (port.getName() != null && (!DNS_LABEL.matcher(port.getName()).matches() || !names.add(port.getName()))) {
                report.problems.add(at + ".name: invalid or duplicate");
            }
            if (port.getProtocol() != null && !Set.of("TCP", "UDP", "SCTP").contains(port.getProtocol())) {
                report.problems.add(at + ".protocol: must be TCP, UDP or SCTP");
            }
            IntOrString target = port.getTargetPort();
            if (target != null && target.getValue() instanceof Integer
                    && (target.getIntVal() < 1 || target.getIntVal() > 65535)) {
                report.problems.add(at + ".targetPort: must be 1-65535");
            }
            if (target != null && target.getValue() instanceof String && !validPortName(target.getStrVal())) {
                report.problems.add(at + ".targetPort: not a valid port name");
            }
        }
    }

    private static void checkPodDisruptionBudget(Report report, String id, PodDisruptionBudget budget) {
        if (budget.getSpec() == null) {
            report.problems.add(id + ": spec: required");
            return;
        }
        boolean min = budget.getSpec().getMinAvailable() != null;
        boolean max = budget.getSpec().getMaxUnavailable() != null;
        if (min == max) {
            report.problems.add(id + ": spec: exactly one of minAvailable and maxUnavailable is required");
        }
        checkSelector(report, id, "spec.selector", budget.getSpec().getSelector(), false);
    }

    private static void checkAutoscaler(Report report, String id, HorizontalPodAutoscaler autoscaler) {
        if (autoscaler.getSpec() == null) {
            report.problems.add(id + ": spec: required");
            return;
        }
        var spec = autoscaler.getSpec();
        if (spec.getScaleTargetRef() == null || spec.getScaleTargetRef().getName() == null
                || spec.getScaleTargetRef().getKind() == null) {
            report.problems.add(id + ": spec.scaleTargetRef: kind and name are required");
        }
        Integer min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        if (spec.getMaxReplicas() == null) {
            report.problems.add(id + ": spec.maxReplicas: required");
        } else if (min < 1 || min > spec.getMaxReplicas()) {
            report.problems.add(id + ": spec: need 1 <= minReplicas <= maxReplicas");
        }
        for (int i = 0; i < spec.getMetrics().size(); i++) {
            MetricSpec metric = spec.getMetrics().get(i);
            String at = id + ": spec.metrics[" + i + "]";
            if (!"Resource".equals(metric.getType())) {
                continue;
            }
            if (metric.getResource() == null || metric.getResource().getName() == null
                    || metric.getResource().getTarget() == null) {
                report.problems.add(at + ".resource: name and target are required");
                continue;
            }
            var target = metric.getResource().getTarget();
            boolean valid = "Utilization".equals(target.getType()) ? target.getAverageUtilization() != null
                    && target.getAverageUtilization() > 0
                    : "AverageValue".equals(target.getType()) ? target.getAverageValue() != null
                            : "Value".equals(target.getType()) && target.getValue() != null;
            if (!valid) {
                report.problems.add(at + ".resource.target: type and its matching value are required");
            }
        }
    }

    private static void checkNetworkPolicy(Report report, String id, NetworkPolicy policy) {
        if (policy.getSpec() == null) {
            report.problems.add(id + ": spec: required");
            return;
        }
        checkSelector(report, id, "spec.podSelector", policy.getSpec().getPodSelector(), true);
        for (String type : policy.getSpec().getPolicyTypes()) {
            if (!Set.of("Ingress", "Egress").contains(type)) {
                report.problems.add(id + ": spec.policyTypes: must be Ingress or Egress, not " + type);
            }
        }
        List<NetworkPolicyPort> ports = new ArrayList<>();
        policy.getSpec().getIngress().forEach(rule -> ports.addAll(rule.getPorts()));
        policy.getSpec().getEgress().forEach(rule -> ports.addAll(rule.getPorts()));
        for (NetworkPolicyPort port : ports) {
            if (port.getProtocol() != null && !Set.of("TCP", "UDP", "SCTP").contains(port.getProtocol())) {
                report.problems.add(id + ": spec: port protocol must be TCP, UDP or SCTP");
            }
            IntOrString number = port.getPort();
            if (number != null && number.getValue() instanceof Integer
                    && (number.getIntVal() < 1 || number.getIntVal() > 65535)) {
                report.problems.add(id + ": spec: port must be 1-65535");
            }
        }
    }

    // =================================================================================================
    // References between resources
    // =================================================================================================

    private void checkReferences(Report report, boolean complete) {
        List<Deployment> deployments = report.all(Deployment.class);
        List<Service> services = report.all(Service.class);
        if (complete) {
            Set<String> namespaces = new LinkedHashSet<>();
            report.resources.stream().filter(r -> !(r instanceof Namespace)).forEach(r -> namespaces.add(namespace(r)));
            report.customResources.forEach(r -> namespaces.add(r.path("metadata").path("namespace").asText("")));
            if (namespaces.size() > 1) {
                report.problems.add("resources are spread over several namespaces: " + namespaces
                        + " (\"\" = none): references between them cannot resolve");
            }
            if (deployments.isEmpty()) {
                report.problems.add("no Deployment in the rendered output");
            }
        }
        boolean checkPods = complete || !deployments.isEmpty();

        for (Service service : services) {
            if (service.getSpec() == null || service.getSpec().getSelector() == null || !checkPods) {
                continue;
            }
            List<Deployment> selected = selected(deployments, service,
                    labels -> matches(service.getSpec().getSelector(), labels));
            if (selected.isEmpty()) {
                report.problems.add(id(service) + ": spec.selector " + service.getSpec().getSelector()
                        + " matches the pods of no Deployment" + podLabels(deployments));
            }
            for (Deployment deployment : selected) {
                for (ServicePort port : service.getSpec().getPorts()) {
                    IntOrString target = port.getTargetPort() != null ? port.getTargetPort()
                            : new IntOrString(port.getPort());
                    if (containers(deployment).stream().noneMatch(c -> containerHasPort(c, target))) {
                        report.problems.add(id(service) + ": spec.ports[" + port.getName() + "].targetPort "
                                + describePort(target) + " is no container port of " + id(deployment));
                    }
                }
            }
        }
        for (PodDisruptionBudget budget : report.all(PodDisruptionBudget.class)) {
            if (budget.getSpec() == null || budget.getSpec().getSelector() == null || !checkPods) {
                continue;
            }
            List<Deployment> selected = selected(deployments, budget,
                    labels -> matches(budget.getSpec().getSelector(), labels));
            if (selected.isEmpty()) {
                report.problems.add(id(budget) + ": spec.selector " + describeSelector(budget.getSpec().getSelector())
                        + " matches the pods of no Deployment" + podLabels(deployments));
            }
            for (Deployment deployment : selected) {
                int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
                IntOrString min = budget.getSpec().getMinAvailable();
                IntOrString max = budget.getSpec().getMaxUnavailable();
                if (min != null && min.getValue() instanceof Integer && min.getIntVal() >= replicas
                        || max != null && max.getValue() instanceof Integer && max.getIntVal() == 0) {
                    report.problems.add(id(budget) + ": with " + replicas + " replica(s) of " + id(deployment)
                            + " no pod may ever be evicted: node drains would block");
                }
            }
        }
        for (NetworkPolicy policy : report.all(NetworkPolicy.class)) {
            if (policy.getSpec() == null || policy.getSpec().getPodSelector() == null || !checkPods) {
                continue;
            }
            List<Deployment> selected = selected(deployments, policy,
                    labels -> matches(policy.getSpec().getPodSelector(), labels));
            if (selected.isEmpty()) {
                report.problems.add(id(policy) + ": spec.podSelector "
                        + describeSelector(policy.getSpec().getPodSelector()) + " matches the pods of no Deployment"
                        + podLabels(deployments));
            }
            for (Deployment deployment : selected) {
                policy.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(port -> {
                    if (port.getPort() != null
                            && containers(deployment).stream().noneMatch(c -> containerHasPort(c, port.getPort()))) {
                        report.problems.add(id(policy) + ": ingress port " + describePort(port.getPort())
                                + " is no container port of " + id(deployment));
                    }
                }));
            }
        }
        for (HorizontalPodAutoscaler autoscaler : report.all(HorizontalPodAutoscaler.class)) {
            var ref = autoscaler.getSpec() == null ? null : autoscaler.getSpec().getScaleTargetRef();
            if (ref == null || !checkPods) {
                continue;
            }
            Deployment target = deployments.stream()
                    .filter(d -> "Deployment".equals(ref.getKind()) && "apps/v1".equals(ref.getApiVersion())
                            && Objects.equals(ref.getName(), d.getMetadata().getName())
                            && namespace(d).equals(namespace(autoscaler)))
                    .findFirst().orElse(null);
            if (target == null) {
                report.problems.add(id(autoscaler) + ": spec.scaleTargetRef " + ref.getApiVersion() + " "
                        + ref.getKind() + "/" + ref.getName() + " is no Deployment here");
                continue;
            }
            for (MetricSpec metric : autoscaler.getSpec().getMetrics()) {
                if (metric.getResource() != null && metric.getResource().getTarget() != null
                        && "Utilization".equals(metric.getResource().getTarget().getType())) {
                    String resource = metric.getResource().getName();
                    for (Container container : containers(target)) {
                        if (container.getResources() == null
                                || !container.getResources().getRequests().containsKey(resource)) {
                            report.problems.add(id(autoscaler) + ": " + resource + " utilisation needs a " + resource
                                    + " request in container " + container.getName() + " of " + id(target));
                        }
                    }
                }
            }
        }
        for (JsonNode monitor : report.customResources) {
            if (!complete && services.isEmpty()) {
                continue;
            }
            LabelSelector selector = mapper.convertValue(monitor.path("spec").get("selector"), LabelSelector.class);
            String monitorNamespace = monitor.path("metadata").path("namespace").asText("");
            List<Service> selected = services.stream()
                    .filter(s -> namespace(s).equals(monitorNamespace)
                            && matches(selector, s.getMetadata().getLabels()))
                    .collect(Collectors.toList());
            if (selected.isEmpty()) {
                report.problems.add(id(monitor) + ": spec.selector " + describeSelector(selector)
                        + " matches the labels of no Service in its namespace");
            }
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                String port = endpoint.path("port").asText(null);
                for (Service service : selected) {
                    if (port != null && service.getSpec().getPorts().stream()
                            .noneMatch(p -> port.equals(p.getName()))) {
                        report.problems.add(id(monitor) + ": endpoint port '" + port + "' is no port name of "
                                + id(service));
                    }
                }
            }
        }
        if (complete) {
            checkConfigReferences(report, deployments);
        }
    }

    /** In a complete bundle, ConfigMaps and ServiceAccounts that pods use must be in it (Secrets are made apart). */
    private static void checkConfigReferences(Report report, List<Deployment> deployments) {
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String ns = namespace(deployment);
            String account = pod.getServiceAccountName();
            if (account != null && !account.equals("default") && report.all(ServiceAccount.class).stream()
                    .noneMatch(a -> a.getMetadata().getName().equals(account) && namespace(a).equals(ns))) {
                report.problems.add(id(deployment) + ": serviceAccountName " + account + " is not in the output");
            }
            for (Container container : containers(deployment)) {
                container.getEnvFrom().forEach(source -> {
                    if (source.getConfigMapRef() != null && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                        requireConfigMap(report, deployment, source.getConfigMapRef().getName(), null);
                    }
                });
                container.getEnv().forEach(var -> {
                    if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null
                            && !Boolean.TRUE.equals(var.getValueFrom().getConfigMapKeyRef().getOptional())) {
                        requireConfigMap(report, deployment, var.getValueFrom().getConfigMapKeyRef().getName(),
                                var.getValueFrom().getConfigMapKeyRef().getKey());
                    }
                });
            }
            pod.getVolumes().forEach(volume -> {
                if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    requireConfigMap(report, deployment, volume.getConfigMap().getName(), null);
                }
            });
        }
    }

    private static void requireConfigMap(Report report, Deployment deployment, String name, String key) {
        ConfigMap map = report.all(ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().equals(name) && namespace(m).equals(namespace(deployment)))
                .findFirst().orElse(null);
        if (map == null) {
            report.problems.add(id(deployment) + ": uses ConfigMap " + name + ", which is not in the output");
        } else if (key != null && (map.getData() == null || !map.getData().containsKey(key))) {
            report.problems.add(id(deployment) + ": uses key " + key + " of ConfigMap " + name + ", which has none");
        }
    }

    // =================================================================================================
    // Helpers
    // =================================================================================================

    private static List<Deployment> selected(List<Deployment> deployments, HasMetadata selector,
            Predicate<Map<String, String>> matcher) {
        return deployments.stream()
                .filter(d -> namespace(d).equals(namespace(selector)) && d.getSpec() != null
                        && d.getSpec().getTemplate() != null && d.getSpec().getTemplate().getMetadata() != null
                        && matcher.test(d.getSpec().getTemplate().getMetadata().getLabels()))
                .collect(Collectors.toList());
    }

    static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    private static String podLabels(List<Deployment> deployments) {
        return deployments.stream()
                .map(d -> id(d) + " pods have " + (d.getSpec().getTemplate().getMetadata() == null ? "{}"
                        : d.getSpec().getTemplate().getMetadata().getLabels()))
                .collect(Collectors.joining("; ", " (", ")"));
    }

    private static String describeSelector(LabelSelector selector) {
        if (selector == null) {
            return "(none)";
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
            shown.put("matchLabels", selector.getMatchLabels());
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            shown.put("matchExpressions", selector.getMatchExpressions().stream()
                    .map(r -> r.getKey() + " " + r.getOperator() + " " + r.getValues()).collect(Collectors.toList()));
        }
        return shown.toString();
    }

    private static String describeValue(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    static String namespace(HasMetadata resource) {
        return resource.getMetadata() == null || resource.getMetadata().getNamespace() == null ? ""
                : resource.getMetadata().getNamespace();
    }

    static String id(HasMetadata resource) {
        return resource.getKind() + "/" + (resource.getMetadata() == null ? "?" : resource.getMetadata().getName());
    }

    private static String id(JsonNode custom) {
        return custom.path("kind").asText() + "/" + custom.path("metadata").path("name").asText("?");
    }

    private static String join(String path, String field) {
        if (field.isEmpty()) {
            return path.isEmpty() ? "(root)" : path;
        }
        return path.isEmpty() ? field : path + "." + field;
    }
}
