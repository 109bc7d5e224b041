package io.annometrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The Kubernetes manifests under kubernetes/: every committed file and every rendered kustomization is
 * validated strictly against the Kubernetes schemas (fabric8 model, see {@link ManifestValidator}), then
 * checked against the deployment rules of Annometrics. Plain JUnit, no Quarkus; rendering needs kubectl.
 */
class KubernetesManifestsTest {

    private static final ManifestValidator VALIDATOR = new ManifestValidator();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path KUBERNETES = locateKubernetesDirectory();
    private static final Map<String, ManifestValidator.Report> RENDERED = new ConcurrentHashMap<>();
    private static Path scratch;

    private static final String NAME = "annometrics";
    private static final String IMAGE = "annometrics/annometrics";
    private static final String SECRET = "annometrics-db-credentials";
    private static final Set<String> CONFIG_KEYS = Set.of("QUARKUS_OIDC_AUTH_SERVER_URL",
            "ANNOMETRICS_SECURITY_ADMIN_ROLE", "ANNOMETRICS_SECURITY_PRINCIPAL_CLAIM",
            "ANNOMETRICS_INGESTION_MAX_BATCH_SIZE", "ANNOMETRICS_METRICS_MAX_WINDOW_DAYS", "QUARKUS_DATASOURCE_JDBC_URL");
    private static final Set<String> SECRET_KEYS = Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
    private static final BigDecimal NEEDED_HEAP = new BigDecimal(256L * 1024 * 1024);

    // =================================================================================================
    // Committed files
    // =================================================================================================

    @Test
    void everyCommittedManifestIsValid() {
        Layout layout = Layout.scan(KUBERNETES);
        List<String> problems = new ArrayList<>(layout.problems);
        for (Path file : layout.resources) {
            collect(problems, VALIDATOR.validate(relative(file), read(file), ManifestValidator.Mode.RESOURCES));
        }
        for (Path file : layout.patches) {
            collect(problems, VALIDATOR.validate(relative(file), read(file), ManifestValidator.Mode.PATCHES));
        }
        for (Path file : layout.envFiles) {
            problems.addAll(envFileProblems(file));
        }
        assertTrue(problems.isEmpty(), "problems in the committed manifests:\n  - " + String.join("\n  - ", problems));
        assertFalse(layout.resources.isEmpty(), "no manifest found under " + KUBERNETES);
    }

    @Test
    void exampleSecretHoldsPlaceholdersOnlyAndIsNeverApplied() {
        Path example = KUBERNETES.resolve("base/secret.example.yaml");
        ManifestValidator.Report report = VALIDATOR.validate(relative(example), read(example),
                ManifestValidator.Mode.RESOURCES);
        assertTrue(report.ok(), report.summary());
        Secret secret = report.one(Secret.class);
        assertEquals(SECRET, secret.getMetadata().getName());
        assertEquals(SECRET_KEYS, secret.getStringData().keySet());
        secret.getStringData().forEach((key, value) -> assertEquals("change-me", value,
                key + " of the example Secret must hold the placeholder 'change-me'"));
        assertTrue(secret.getData() == null || secret.getData().isEmpty(), "the example Secret has no data");
        Layout layout = Layout.scan(KUBERNETES);
        assertFalse(layout.referenced.contains(example.normalize()),
                "secret.example.yaml must not be listed in any kustomization");
    }

    // =================================================================================================
    // Rendered kustomizations
    // =================================================================================================

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "base", "overlays/dev", "overlays/prod", "overlays/prod + components/servicemonitor" })
    void renderedKustomizationIsValidAndFollowsTheDeploymentRules(String target) {
        ManifestValidator.Report report = rendered(target);
        assertTrue(report.ok(), report.summary());
        assertWorkloadRules(report);
    }

    @Test
    void baseHasTheIntendedShape() {
        ManifestValidator.Report base = rendered("base");
        Deployment deployment = base.one(Deployment.class);
        assertEquals(2, deployment.getSpec().getReplicas());
        Container container = container(deployment);
        assertQuantity("250m", container.getResources().getRequests().get("cpu"));
        assertQuantity("384Mi", container.getResources().getRequests().get("memory"));
        assertQuantity("1", container.getResources().getLimits().get("cpu"));
        assertQuantity("768Mi", container.getResources().getLimits().get("memory"));

        HorizontalPodAutoscaler hpa = base.one(HorizontalPodAutoscaler.class);
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(6, hpa.getSpec().getMaxReplicas());
        assertEquals(deployment.getSpec().getReplicas(), hpa.getSpec().getMinReplicas(),
                "the Deployment starts at the autoscaler's minimum");
        assertTrue(hpa.getSpec().getMetrics().stream().anyMatch(m -> m.getResource() != null
                && "cpu".equals(m.getResource().getName())
                && "Utilization".equals(m.getResource().getTarget().getType())), "the autoscaler follows CPU utilisation");

        PodDisruptionBudget pdb = base.one(PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());

        NetworkPolicy policy = base.one(NetworkPolicy.class);
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()));
        Set<String> ingress = policy.getSpec().getIngress().stream().flatMap(r -> r.getPorts().stream())
                .map(p -> p.getPort().getValue() + "/" + p.getProtocol()).collect(Collectors.toSet());
        assertEquals(Set.of("http/TCP"), ingress, "ingress only to the HTTP port (8080)");
        Set<String> egress = policy.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream())
                .map(p -> p.getPort().getValue() + "/" + p.getProtocol()).collect(Collectors.toSet());
        assertEquals(Set.of("53/UDP", "53/TCP", "5432/TCP", "443/TCP"), egress,
                "egress to DNS, PostgreSQL and HTTPS (OIDC) only");
    }

    @Test
    void devOverlayRunsOneSmallReplicaWithoutAutoscalerOrBudget() {
        ManifestValidator.Report base = rendered("base");
        ManifestValidator.Report dev = rendered("overlays/dev");
        Deployment deployment = dev.one(Deployment.class);
        assertEquals("annometrics-dev", deployment.getMetadata().getNamespace());
        assertEquals(1, deployment.getSpec().getReplicas());
        assertTrue(dev.all(HorizontalPodAutoscaler.class).isEmpty(), "no autoscaler in dev: it would scale to 2");
        assertTrue(dev.all(PodDisruptionBudget.class).isEmpty(), "no disruption budget in dev: it would block drains");
        assertTrue(memoryLimit(deployment).compareTo(memoryLimit(base.one(Deployment.class))) < 0,
                "dev pods are smaller than the base's");
    }

    @Test
    void prodOverlayRunsMoreAndLargerReplicasWithItsOwnSettings() {
        ManifestValidator.Report base = rendered("base");
        ManifestValidator.Report prod = rendered("overlays/prod");
        Deployment deployment = prod.one(Deployment.class);
        Deployment baseDeployment = base.one(Deployment.class);
        assertEquals("annometrics", deployment.getMetadata().getNamespace());
        assertTrue(deployment.getSpec().getReplicas() >= 3, "at least three replicas in production");
        assertTrue(deployment.getSpec().getReplicas() > baseDeployment.getSpec().getReplicas());
        assertTrue(memoryLimit(deployment).compareTo(memoryLimit(baseDeployment)) > 0, "larger pods in production");
        HorizontalPodAutoscaler hpa = prod.one(HorizontalPodAutoscaler.class);
        assertEquals(deployment.getSpec().getReplicas(), hpa.getSpec().getMinReplicas(),
                "the Deployment starts at the autoscaler's minimum");
        assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        prod.one(PodDisruptionBudget.class);
        assertFalse(config(prod).get("QUARKUS_DATASOURCE_JDBC_URL").equals(config(base).get("QUARKUS_DATASOURCE_JDBC_URL")),
                "production has its own database URL");
    }

    @Test
    void serviceMonitorIsOnlyInItsOptionalComponent() {
        for (String target : List.of("base", "overlays/dev", "overlays/prod")) {
            assertTrue(rendered(target).customResources.isEmpty(),
                    target + " must not need the ServiceMonitor CRD");
        }
        ManifestValidator.Report monitored = rendered("overlays/prod + components/servicemonitor");
        assertEquals(1, monitored.customResources.size());
        JsonNode monitor = monitored.customResources.get(0);
        assertEquals("annometrics", monitor.path("metadata").path("namespace").asText(),
                "the ServiceMonitor lands in the overlay's namespace");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("http", endpoint.path("port").asText());
        assertTrue(monitored.all(NetworkPolicy.class).size() > rendered("overlays/prod").all(NetworkPolicy.class).size(),
                "the component lets Prometheus through the network policy");
    }

    @Test
    void yamlReaderReadsEveryFileAsKubectlDoes() {
        Layout layout = Layout.scan(KUBERNETES);
        Map<String, String> sources = new LinkedHashMap<>();
        Stream.of(layout.resources, layout.patches, layout.kustomizations).flatMap(List::stream)
                .forEach(file -> sources.put(relative(file), read(file)));
        for (String target : List.of("base", "overlays/dev", "overlays/prod", "overlays/prod + components/servicemonitor")) {
            sources.put("rendered " + target, renderedYaml(target));
        }
        // One kubectl call for all of them (a stream of documents), compared document by document.
        List<String> names = new ArrayList<>();
        List<JsonNode> mine = new ArrayList<>();
        sources.forEach((name, yaml) -> Yaml.readAll(yaml).forEach(document -> {
            names.add(name);
            mine.add(Kubectl.comparable(document));
        }));
        List<JsonNode> theirs = Kubectl.decode(String.join("\n---\n", sources.values()));
        assertEquals(theirs.size(), mine.size(), "number of documents");
        for (int i = 0; i < mine.size(); i++) {
            assertEquals(theirs.get(i), mine.get(i), names.get(i) + ": the YAML reader and kubectl disagree");
        }
    }

    // =================================================================================================
    // The validator catches what it must (inline manifests)
    // =================================================================================================

    private static final String VALID = String.join("\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: demo",
            "spec:",
            "  replicas: 2",
            "  selector:",
            "    matchLabels:",
            "      app: demo",
            "  template:",
            "    metadata:",
            "      labels:",
            "        app: demo",
            "    spec:",
            "      securityContext:",
            "        runAsNonRoot: true",
            "        seccompProfile:",
            "          type: RuntimeDefault",
            "      containers:",
            "        - name: demo",
            "          image: demo:1.0",
            "          ports:",
            "            - name: http",
            "              containerPort: 8080",
            "          readinessProbe:",
            "            httpGet:",
            "              path: /ready",
            "              port: http",
            "          resources:",
            "            requests: {cpu: 100m, memory: 128Mi}",
            "            limits: {cpu: 500m, memory: 256Mi}",
            "          securityContext:",
            "            allowPrivilegeEscalation: false",
            "            readOnlyRootFilesystem: true",
            "            capabilities:",
            "              drop: [\"ALL\"]",
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            "  name: demo",
            "spec:",
            "  selector:",
            "    app: demo",
            "  ports:",
            "    - name: http",
            "      port: 80",
            "      targetPort: http",
            "---",
            "apiVersion: policy/v1",
            "kind: PodDisruptionBudget",
            "metadata:",
            "  name: demo",
            "spec:",
            "  minAvailable: 1",
            "  selector:",
            "    matchLabels:",
            "      app: demo",
            "---",
            "apiVersion: monitoring.coreos.com/v1",
            "kind: ServiceMonitor",
            "metadata:",
            "  name: demo",
            "spec:",
            "  selector:",
            "    matchLabels:",
            "      app: demo",
            "  endpoints:",
            "    - port: http",
            "      path: /q/metrics",
            "",
            "");

    private static final String DEMO_SERVICE_LABELS = "kind: Service\nmetadata:\n  name: demo\n";

    @Test
    void theInlineExampleIsValid() {
        // The control for the negative cases below: each changes one thing of this valid text.
        String yaml = VALID.replace(DEMO_SERVICE_LABELS, DEMO_SERVICE_LABELS + "  labels:\n    app: demo\n");
        ManifestValidator.Report report = VALIDATOR.validate("inline", yaml, ManifestValidator.Mode.RESOURCES);
        assertTrue(report.ok(), report.summary());
        assertEquals(3, report.resources.size());
        assertEquals(1, report.customResources.size());
    }

    @Test
    void unknownFieldsAreRejected() {
        assertRejected("  replicas: 2\n", "  replicas: 2\n  replica: 3\n", "Deployment/demo: spec.replica: unknown field");
        assertRejected("          image: demo:1.0\n", "          image: demo:1.0\n          imagePullPolcy: Always\n",
                "Deployment/demo: spec.template.spec.containers[0].imagePullPolcy: unknown field");
        assertRejected("kind: Service\n", "kind: Service\nstatus2: {}\n", "Service/demo: status2: unknown field");
        assertRejected("      path: /q/metrics\n", "      path: /q/metrics\n      intervall: 30s\n",
                "ServiceMonitor/demo: spec.endpoints[0].intervall: unknown field");
    }

    @Test
    void wrongTypesAreRejected() {
        assertRejected("  replicas: 2\n", "  replicas: two\n", "Deployment/demo: spec.replicas: wrong type");
        // A quoted number is a string: the API server refuses it for an integer field, and so does the validator.
        assertRejected("  replicas: 2\n", "  replicas: \"2\"\n", "Deployment/demo: spec.replicas: wrong type");
        assertRejected("  replicas: 2\n", "  replicas: 2.5\n", "Deployment/demo: spec.replicas: wrong type");
        assertRejected("containerPort: 8080", "containerPort: \"http\"",
                "Deployment/demo: spec.template.spec.containers[0].ports[0].containerPort: wrong type");
        assertRejected("        runAsNonRoot: true\n", "        runAsNonRoot: \"true\"\n",
                "spec.template.spec.securityContext.runAsNonRoot: wrong type");
        assertRejected("          image: demo:1.0\n", "          image: [demo]\n",
                "spec.template.spec.containers[0].image: wrong type");
        assertRejected("    app: demo\n  ports:", "    app: 1\n  ports:", "Service/demo: spec.selector.app: wrong type");
        assertRejected("              port: http\n", "              port: {name: http}\n",
                "readinessProbe.httpGet.port: wrong type");
        assertRejected("memory: 256Mi", "memory: 256MB", "resources.limits[memory]: '256MB' is not a quantity");
        assertRejected("    - port: http\n      path", "    - port: 8080\n      path",
                "ServiceMonitor/demo: spec.endpoints[0].port: wrong type");
    }

    @Test
    void aServiceSelectorThatMissesThePodsIsRejected() {
        assertRejected("  selector:\n    app: demo\n  ports:", "  selector:\n    app: demo-api\n  ports:",
                "Service/demo: spec.selector {app=demo-api} matches the pods of no Deployment");
    }

    static Stream<Arguments> otherMistakes() {
        return Stream.of(
                Arguments.of("Deployment selector not matching its pods", "      app: demo\n  template",
                        "      app: other\n  template", "does not match the pod template labels"),
                Arguments.of("probe on an undeclared port name", "              port: http\n",
                        "              port: management\n", "readinessProbe.httpGet.port: the container declares no port"),
                Arguments.of("probe on an undeclared port number", "              port: http\n",
                        "              port: 9000\n", "the container declares no port 9000"),
                Arguments.of("Service targetPort the pods lack", "      targetPort: http", "      targetPort: https",
                        "targetPort named 'https' is no container port"),
                Arguments.of("no resource limits", "            limits: {cpu: 500m, memory: 256Mi}\n", "",
                        "resources.limits.memory: required"),
                Arguments.of("request above limit", "requests: {cpu: 100m, memory: 128Mi}",
                        "requests: {cpu: 100m, memory: 512Mi}", "memory request 512Mi exceeds its limit 256Mi"),
                Arguments.of("root allowed", "        runAsNonRoot: true\n", "        runAsNonRoot: false\n",
                        "runAsNonRoot must be true"),
                Arguments.of("writable root file system", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false",
                        "readOnlyRootFilesystem must be true"),
                Arguments.of("capabilities kept", "              drop: [\"ALL\"]\n", "              drop: [\"NET_RAW\"]\n",
                        "capabilities.drop must contain ALL"),
                Arguments.of("budget selecting nothing", "      app: demo\n---\napiVersion: monitoring",
                        "      app: demo-db\n---\napiVersion: monitoring", "PodDisruptionBudget/demo: spec.selector"),
                Arguments.of("budget blocking every drain", "  minAvailable: 1\n", "  minAvailable: 2\n",
                        "node drains would block"),
                Arguments.of("ServiceMonitor selecting no Service", "    matchLabels:\n      app: demo\n  endpoints",
                        "    matchLabels:\n      app: web\n  endpoints", "matches the labels of no Service"),
                Arguments.of("unsupported kind", "apiVersion: policy/v1\n", "apiVersion: policy/v1beta1\n",
                        "unsupported apiVersion/kind 'policy/v1beta1/PodDisruptionBudget'"),
                Arguments.of("duplicate YAML key", "  replicas: 2\n", "  replicas: 2\n  replicas: 3\n",
                        "Duplicate field 'replicas'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherMistakes")
    void otherMistakesAreRejected(String name, String original, String replacement, String expected) {
        assertRejected(original, replacement, expected);
    }

    @Test
    void renderedOutputMustBeSelfContained() {
        String withConfig = VALID.replace("          image: demo:1.0\n",
                "          image: demo:1.0\n          envFrom:\n            - configMapRef:\n                name: demo-config\n");
        ManifestValidator.Report files = VALIDATOR.validate("inline", labelled(withConfig), ManifestValidator.Mode.RESOURCES);
        assertTrue(files.ok(), files.summary());
        ManifestValidator.Report rendered = VALIDATOR.validate("inline", labelled(withConfig), ManifestValidator.Mode.RENDERED);
        assertTrue(rendered.problems.stream().anyMatch(p -> p.contains("uses ConfigMap demo-config, which is not in the output")),
                rendered.summary());
        String split = labelled(withConfig).replace("kind: Service\nmetadata:\n", "kind: Service\nmetadata:\n  namespace: other\n");
        ManifestValidator.Report spread = VALIDATOR.validate("inline", split, ManifestValidator.Mode.RENDERED);
        assertTrue(spread.problems.stream().anyMatch(p -> p.contains("spread over several namespaces")), spread.summary());
    }

    private static String labelled(String yaml) {
        return yaml.replace(DEMO_SERVICE_LABELS, DEMO_SERVICE_LABELS + "  labels:\n    app: demo\n");
    }

    private static void assertRejected(String original, String replacement, String expected) {
        String valid = labelled(VALID);
        assertTrue(valid.contains(original), "test setup: the example does not contain " + original);
        ManifestValidator.Report report = VALIDATOR.validate("inline", valid.replace(original, replacement),
                ManifestValidator.Mode.RESOURCES);
        assertFalse(report.ok(), "accepted: " + replacement);
        assertTrue(report.problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing \"" + expected + "\", got " + report.summary());
    }

    // =================================================================================================
    // The rules every rendered kustomization follows
    // =================================================================================================

    private static void assertWorkloadRules(ManifestValidator.Report report) {
        String where = report.source + ": ";
        assertTrue(report.all(Secret.class).isEmpty(), where + "Secrets are created apart, never rendered");
        for (HasMetadata resource : report.resources) {
            assertStandardLabels(where + ManifestValidator.id(resource), resource.getMetadata().getLabels());
        }
        for (JsonNode custom : report.customResources) {
            assertStandardLabels(where + custom.path("kind").asText(),
                    JSON.convertValue(custom.path("metadata").path("labels"), Map.class));
        }

        Deployment deployment = report.one(Deployment.class);
        assertEquals(NAME, deployment.getMetadata().getName());
        assertStandardLabels(where + "pod template", deployment.getSpec().getTemplate().getMetadata().getLabels());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(1, pod.getContainers().size(), where + "one container");
        Container container = pod.getContainers().get(0);

        // Image: name and tag set by kustomize, never an implicit or "latest" tag.
        String image = container.getImage();
        assertTrue(image.startsWith(IMAGE + ":") && !image.endsWith(":latest") && image.length() > IMAGE.length() + 1,
                where + "image must be " + IMAGE + ":<tag>, not " + image);

        // Port and probes.
        assertEquals(1, container.getPorts().size());
        assertEquals("http", container.getPorts().get(0).getName());
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
        assertProbe(where + "startupProbe", container.getStartupProbe(), "/q/health/started");
        assertProbe(where + "readinessProbe", container.getReadinessProbe(), "/q/health/ready");
        assertProbe(where + "livenessProbe", container.getLivenessProbe(), "/q/health/live");

        // Security (the validator checks the rest of it).
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(pod.getSecurityContext().getRunAsUser() != null && pod.getSecurityContext().getRunAsUser() > 0);
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), where + "no API token in the pods");
        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(where + "/tmp must be mounted (the root file system is read-only)"));
        Volume tmpVolume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertNotNull(tmpVolume.getEmptyDir(), where + "/tmp is an emptyDir");

        // Memory: the heap share of the limit holds the heap the service needs.
        String javaOpts = env(container, "JAVA_OPTS");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(javaOpts);
        assertTrue(percentage.find(), where + "JAVA_OPTS must set -XX:MaxRAMPercentage");
        BigDecimal heap = memoryLimit(deployment).multiply(new BigDecimal(percentage.group(1)))
                .divide(new BigDecimal(100));
        assertTrue(heap.compareTo(NEEDED_HEAP) >= 0, where + "the heap (" + heap + " bytes) is below 256Mi");

        // Graceful shutdown: preStop sleep + Quarkus's shutdown timeout fit in the grace period.
        long shutdown = seconds(env(container, "QUARKUS_SHUTDOWN_TIMEOUT"));
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.get(0), where + "preStop sleeps");
        long sleep = Long.parseLong(preStop.get(1));
        assertTrue(sleep >= 2 && sleep + shutdown <= pod.getTerminationGracePeriodSeconds(),
                where + "preStop " + sleep + " s + shutdown " + shutdown + " s must fit in terminationGracePeriodSeconds "
                        + pod.getTerminationGracePeriodSeconds());

        // Configuration: the non-secret settings from the ConfigMap, the credentials from the Secret.
        Map<String, String> config = config(report);
        assertTrue(config.keySet().containsAll(CONFIG_KEYS), where + "the ConfigMap lacks "
                + CONFIG_KEYS.stream().filter(k -> !config.containsKey(k)).collect(Collectors.toList()));
        config.keySet().forEach(key -> assertFalse(key.matches(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|USERNAME).*"),
                where + key + " belongs in the Secret, not the ConfigMap"));
        for (String key : SECRET_KEYS) {
            EnvVar var = container.getEnv().stream().filter(e -> e.getName().equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError(where + key + " is not set"));
            assertNotNull(var.getValueFrom(), where + key + " must come from the Secret");
            assertEquals(SECRET, var.getValueFrom().getSecretKeyRef().getName());
            assertEquals(key, var.getValueFrom().getSecretKeyRef().getKey());
        }

        // Service: ClusterIP, port 80 to the named container port.
        Service service = report.one(Service.class);
        assertTrue(service.getSpec().getType() == null || service.getSpec().getType().equals("ClusterIP"));
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(80, port.getPort());
        assertEquals("http", port.getTargetPort().getStrVal());
        assertFalse(report.all(NetworkPolicy.class).isEmpty(), where + "a NetworkPolicy");
        assertEquals(Boolean.FALSE, report.one(ServiceAccount.class).getAutomountServiceAccountToken(),
                where + "the ServiceAccount mounts no API token");
    }

    private static void assertStandardLabels(String where, Map<?, ?> labels) {
        assertNotNull(labels, where + ": no labels");
        assertEquals(NAME, labels.get("app.kubernetes.io/name"), where + ": app.kubernetes.io/name");
        assertEquals(NAME, labels.get("app.kubernetes.io/part-of"), where + ": app.kubernetes.io/part-of");
    }

    private static void assertProbe(String where, Probe probe, String path) {
        assertNotNull(probe, where + " is missing");
        assertNotNull(probe.getHttpGet(), where + " must be an HTTP probe");
        assertEquals(path, probe.getHttpGet().getPath(), where);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), where + " uses the named port");
    }

    private static void assertQuantity(String expected, Quantity actual) {
        assertNotNull(actual);
        assertEquals(0, Quantity.getAmountInBytes(new Quantity(expected)).compareTo(Quantity.getAmountInBytes(actual)),
                "expected " + expected + ", got " + actual);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name) && e.getValue() != null)
                .map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("environment variable " + name + " is not set"));
    }

    /** Seconds of a Quarkus duration: "20s", "20", "PT20S". */
    private static long seconds(String duration) {
        String text = duration.trim().toUpperCase();
        if (text.matches("[0-9]+")) {
            return Long.parseLong(text);
        }
        return java.time.Duration.parse(text.startsWith("P") ? text : "PT" + text).getSeconds();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static BigDecimal memoryLimit(Deployment deployment) {
        return Quantity.getAmountInBytes(container(deployment).getResources().getLimits().get("memory"));
    }

    private static Map<String, String> config(ManifestValidator.Report report) {
        Deployment deployment = report.one(Deployment.class);
        String name = container(deployment).getEnvFrom().stream().filter(s -> s.getConfigMapRef() != null)
                .map(s -> s.getConfigMapRef().getName()).findFirst()
                .orElseThrow(() -> new AssertionError(report.source + ": no ConfigMap in envFrom"));
        return report.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(report.source + ": ConfigMap " + name + " is not rendered"))
                .getData();
    }

    // =================================================================================================
    // Rendering, files
    // =================================================================================================

    private static ManifestValidator.Report rendered(String target) {
        return RENDERED.computeIfAbsent(target, t -> VALIDATOR.validate("rendered " + t, renderedYaml(t),
                ManifestValidator.Mode.RENDERED));
    }

    private static final Map<String, String> RENDERED_YAML = new ConcurrentHashMap<>();

    private static String renderedYaml(String target) {
        return RENDERED_YAML.computeIfAbsent(target, t -> {
            String[] parts = t.split(" \\+ ");
            if (parts.length == 1) {
                return Kubectl.kustomize(KUBERNETES.resolve(t));
            }
            // An overlay with a component added, as the documentation says to do it: on a copy of the tree.
            Path copy = copyOfKubernetesDirectory();
            Path overlay = copy.resolve(parts[0]);
            Path kustomization = overlay.resolve("kustomization.yaml");
            String relativeComponent = overlay.relativize(copy.resolve(parts[1])).toString().replace('\\', '/');
            String text = read(kustomization);
            assertFalse(text.matches("(?s).*^components:.*"), "the copy already has components");
            write(kustomization, text + "\ncomponents:\n  - " + relativeComponent + "\n");
            return Kubectl.kustomize(overlay);
        });
    }

    private static synchronized Path copyOfKubernetesDirectory() {
        try {
            if (scratch == null) {
                scratch = Files.createTempDirectory("annometrics-kubernetes-");
            }
            Path target = Files.createTempDirectory(scratch, "copy-");
            try (Stream<Path> files = Files.walk(KUBERNETES)) {
                for (Path file : files.collect(Collectors.toList())) {
                    Path destination = target.resolve(KUBERNETES.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(file, destination);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void collect(List<String> problems, ManifestValidator.Report report) {
        report.problems.forEach(p -> problems.add(report.source + ": " + p));
    }

    private static List<String> envFileProblems(Path file) {
        List<String> problems = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        List<String> lines = read(file).lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals);
            if (equals < 0 || !key.matches("[A-Z_][A-Z0-9_]*") || !keys.add(key)) {
                problems.add(relative(file) + ":" + (i + 1) + ": expected a new KEY=value with an upper-case KEY");
            }
        }
        return problems;
    }

    private static Path locateKubernetesDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("kubernetes");
            if (Files.isRegularFile(candidate.resolve("base/kustomization.yaml"))) {
                return candidate;
            }
        }
        throw new AssertionError("kubernetes/base/kustomization.yaml not found from " + Path.of("").toAbsolutePath());
    }

    private static String relative(Path file) {
        return "kubernetes/" + KUBERNETES.relativize(file).toString().replace('\\', '/');
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files under kubernetes/, sorted by what the kustomizations make of them: resources, patches,
     * env files of generators; every other file is a problem (an unused manifest would never be checked
     * by rendering), except *.example.yaml templates, which are validated as resources.
     */
    static final class Layout {
        final List<Path> kustomizations = new ArrayList<>();
        final List<Path> resources = new ArrayList<>();
        final List<Path> patches = new ArrayList<>();
        final List<Path> envFiles = new ArrayList<>();
        final Set<Path> referenced = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();

        private static final Set<String> DEPRECATED = Set.of("bases", "commonLabels", "patchesStrategicMerge",
                "patchesJson6902", "vars", "imageTags");

        static Layout scan(Path root) {
            Layout layout = new Layout();
            List<Path> all;
            try (Stream<Path> files = Files.walk(root)) {
                all = files.filter(Files::isRegularFile).map(Path::normalize).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path file : all) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    layout.kustomizations.add(file);
                    layout.readKustomization(file);
                }
            }
            for (Path file : all) {
                String name = file.getFileName().toString();
                if (name.equals("kustomization.yaml")) {
                    continue;
                }
                if (name.endsWith(".example.yaml") && !layout.referenced.contains(file)) {
                    layout.resources.add(file);
                } else if (!layout.referenced.contains(file)) {
                    layout.problems.add(relativeTo(root, file) + ": not used by any kustomization (an unchecked file)");
                }
            }
            return layout;
        }

        private void readKustomization(Path file) {
            Path dir = file.getParent();
            String where = file.toString();
            List<JsonNode> documents;
            try {
                documents = Yaml.readAll(read(file));
            } catch (Yaml.YamlException e) {
                problems.add(where + ": " + e.getMessage());
                return;
            }
            if (documents.size() != 1 || !documents.get(0).isObject()) {
                problems.add(where + ": a kustomization is one mapping");
                return;
            }
            JsonNode k = documents.get(0);
            String kind = k.path("kind").asText();
            String apiVersion = k.path("apiVersion").asText();
            if (!(kind.equals("Kustomization") && apiVersion.equals("kustomize.config.k8s.io/v1beta1")
                    || kind.equals("Component") && apiVersion.equals("kustomize.config.k8s.io/v1alpha1"))) {
                problems.add(where + ": must be a kustomize.config.k8s.io Kustomization or Component, not "
                        + apiVersion + " " + kind);
            }
            new TreeSet<>(DEPRECATED).forEach(field -> {
                if (k.has(field)) {
                    problems.add(where + ": '" + field + "' is deprecated in kustomize v5");
                }
            });
            for (JsonNode entry : k.path("resources")) {
                Path target = dir.resolve(entry.asText()).normalize();
                if (Files.isDirectory(target)) {
                    requireKustomization(where, target);
                } else if (Files.isRegularFile(target)) {
                    resources.add(target);
                    referenced.add(target);
                } else {
                    problems.add(where + ": resource " + entry.asText() + " does not exist");
                }
            }
            for (JsonNode entry : k.path("components")) {
                requireKustomization(where, dir.resolve(entry.asText()).normalize());
            }
            for (JsonNode entry : k.path("patches")) {
                if (entry.has("path")) {
                    Path target = dir.resolve(entry.path("path").asText()).normalize();
                    if (Files.isRegularFile(target)) {
                        patches.add(target);
                        referenced.add(target);
                    } else {
                        problems.add(where + ": patch " + target + " does not exist");
                    }
                }
            }
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                for (JsonNode entry : k.path(generator)) {
                    for (JsonNode env : entry.path("envs")) {
                        Path target = dir.resolve(env.asText()).normalize();
                        if (Files.isRegularFile(target)) {
                            envFiles.add(target);
                            referenced.add(target);
                        } else {
                            problems.add(where + ": env file " + target + " does not exist");
                        }
                    }
                    for (JsonNode source : entry.path("files")) {
                        String path = source.asText();
                        referenced.add(dir.resolve(path.contains("=") ? path.substring(path.indexOf('=') + 1) : path)
                                .normalize());
                    }
                }
            }
        }

        private void requireKustomization(String where, Path dir) {
            if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
                problems.add(where + ": " + dir + " is no kustomization directory");
            }
        }

        private static String relativeTo(Path root, Path file) {
            return "kubernetes/" + root.relativize(file).toString().replace('\\', '/');
        }
    }
}
