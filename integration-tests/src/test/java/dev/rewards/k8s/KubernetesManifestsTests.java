package dev.rewards.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kustomize overlays render with {@code kubectl kustomize}; every rendered object validates against the
 * Kubernetes API schema (the API's generated models reject unknown fields, missing required fields and wrong
 * types, offline); and ports, probe paths and environment variables in the manifests agree with each service's
 * actual configuration, so the manifests cannot drift from the code.
 */
class KubernetesManifestsTests {

    private static final Path ROOT = Path.of(System.getProperty("rewards.root", "..")).toAbsolutePath().normalize();
    private static final Gson GSON = new Gson();

    /** apiVersion/kind → the model class whose validateJsonElement checks it. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "apps/v1/Deployment", V1Deployment.class,
            "v1/Service", V1Service.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Namespace", V1Namespace.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);

    /** Each service's module, configuration-properties record, and the environment it may take besides those. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "gateway", "dev.rewards.gateway.api.GatewayProperties",
            "math-verifier", "dev.rewards.math.api.MathProperties",
            "code-verifier", "dev.rewards.code.api.CodeProperties",
            "format-checker", "dev.rewards.format.api.FormatProperties",
            "language-consistency", "dev.rewards.language.api.LanguageProperties");
    private static final Set<String> COMMON_ENVIRONMENT = Set.of("SERVER_PORT", "JAVA_OPTS");

    static List<Map<String, Object>> render(String overlay) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("k8s/overlays").resolve(overlay).toString())
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl (with Kustomize) is needed to render k8s/: install kubectl "
                    + "(https://kubernetes.io/docs/tasks/tools/) — " + e.getMessage(), e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize k8s/overlays/" + overlay + ": " + err).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(out)) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) document;
                objects.add(object);
            }
        }
        return objects;
    }

    static void validate(Map<String, Object> object) throws Exception {
        String key = object.get("apiVersion") + "/" + object.get("kind");
        Class<?> model = MODELS.get(key);
        if (model == null) {
            fail("no schema for " + key + " (" + name(object) + "): add its model to MODELS");
        }
        Method validator = model.getMethod("validateJsonElement", JsonElement.class);
        try {
            validator.invoke(null, GSON.toJsonTree(object));
        } catch (java.lang.reflect.InvocationTargetException e) {
            // the generated validators report unknown and missing fields by message, wrong JSON types by a cast failure
            throw new AssertionError(key + " " + name(object) + ": " + e.getCause(), e.getCause());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndEveryObjectValidates(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(objects).isNotEmpty();
        for (Map<String, Object> object : objects) {
            validate(object);
        }
        assertThat(kinds(objects, "Deployment")).hasSize(5);
        assertThat(kinds(objects, "Service")).hasSize(5);
        assertThat(kinds(objects, "NetworkPolicy")).isNotEmpty();
    }

    @Test
    void theValidatorRejectsWhatTheApiServerWould() {
        Map<String, Object> typo = new LinkedHashMap<>(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"), "spec", Map.of("replica", 2, "selector", Map.of(),
                        "template", Map.of())));
        assertThatThrownBy(() -> validate(typo)).hasMessageContaining("replica");
        Map<String, Object> missingSelector = new LinkedHashMap<>(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"), "spec", Map.of("template", Map.of())));
        assertThatThrownBy(() -> validate(missingSelector)).hasMessageContaining("selector");
        Map<String, Object> portsNotAList = new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "x"), "spec", Map.of("ports", "8080")));
        assertThatThrownBy(() -> validate(portsNotAList)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("v1/Service x");
    }

    @Test
    void prodHasSpreadAutoscalingBudgetsAndAnIngressWithTheApiKeyFromASecret() throws Exception {
        List<Map<String, Object>> objects = render("prod");
        assertThat(kinds(objects, "HorizontalPodAutoscaler")).hasSize(5);
        assertThat(kinds(objects, "PodDisruptionBudget")).hasSize(5);
        assertThat(kinds(objects, "Ingress")).hasSize(1);
        for (Map<String, Object> deployment : kinds(objects, "Deployment")) {
            assertThat(at(deployment, "spec", "template", "spec", "affinity", "podAntiAffinity")).as(name(deployment))
                    .isNotNull();
        }
        Map<String, Object> gateway = container(byName(objects, "Deployment", "gateway"), "gateway");
        assertThat(gateway.get("env").toString()).contains("REWARDS_GATEWAY_API_KEY", "secretKeyRef");
        List<Map<String, Object>> dev = render("dev");
        assertThat(kinds(dev, "HorizontalPodAutoscaler")).isEmpty();
        kinds(dev, "Deployment").forEach(d -> assertThat(at(d, "spec", "replicas")).isEqualTo(1));
    }

    /**
     * The time budget (docs/reliability.md): slime's 120 s client timeout > the ingress > the gateway's deadline >
     * each verifier's deadline, so that every inner layer answers before the outer one gives up.
     */
    @Test
    void timeLimitsAreOrderedClientIngressGatewayVerifiers() throws Exception {
        List<Map<String, Object>> objects = render("prod");
        Map<String, Object> annotations = mapOf(at(byName(objects, "Ingress", "gateway"), "metadata", "annotations"));
        long ingress = Long.parseLong((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        assertThat(Long.parseLong((String) annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout")))
                .isEqualTo(ingress);
        long gateway = seconds(objects, "gateway", "REWARDS_GATEWAY_DEADLINE");
        assertThat(ingress).as("ingress below slime's 120 s").isLessThan(120).as("ingress above the gateway")
                .isGreaterThan(gateway);
        for (String[] verifier : new String[][] {{"math-verifier", "REWARDS_MATH_DEADLINE"},
                {"format-checker", "REWARDS_FORMAT_DEADLINE"}, {"language-consistency", "REWARDS_LANGUAGE_DEADLINE"}}) {
            assertThat(seconds(objects, verifier[0], verifier[1])).as(verifier[0]).isLessThan(gateway);
        }
    }

    private static long seconds(List<Map<String, Object>> objects, String configMap, String key) {
        Object value = mapOf(byName(objects, "ConfigMap", configMap).get("data")).get(key);
        assertThat(value).as(configMap + " " + key).isNotNull();
        return org.springframework.boot.convert.DurationStyle.detectAndParse((String) value).toSeconds();
    }

    @Test
    void everyContainerIsLockedDownExceptTheSandboxEngine() throws Exception {
        for (Map<String, Object> deployment : kinds(render("prod"), "Deployment")) {
            List<Map<String, Object>> all = new ArrayList<>(list(at(deployment, "spec", "template", "spec", "containers")));
            Object init = at(deployment, "spec", "template", "spec", "initContainers");
            if (init != null) {
                all.addAll(list(init));
            }
            for (Map<String, Object> container : all) {
                String who = name(deployment) + "/" + container.get("name");
                if (container.get("name").equals("sandbox-engine")) {
                    assertThat(at(container, "securityContext", "privileged")).as(who).isEqualTo(true);
                    continue;
                }
                assertThat(at(container, "securityContext", "runAsNonRoot")).as(who).isEqualTo(true);
                assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as(who).isEqualTo(true);
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as(who).isEqualTo(false);
                assertThat(at(container, "securityContext", "capabilities", "drop")).as(who).isEqualTo(List.of("ALL"));
                assertThat(at(container, "securityContext", "seccompProfile", "type")).as(who).isEqualTo("RuntimeDefault");
            }
        }
    }

    /** Ports, probes and environment in the manifests against each service's application.yml and properties record. */
    @Test
    void manifestsMatchTheServicesConfiguration() throws Exception {
        List<Map<String, Object>> objects = render("prod");
        Map<String, Object> shared = yaml(ROOT.resolve("web-support/src/main/resources/rewards-web.yml"));
        assertThat(at(shared, "management", "endpoint", "health", "probes", "enabled"))
                .as("the probe endpoints the manifests use are enabled").isEqualTo(true);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : PROPERTIES.keySet()) {
            Map<String, Object> config = yaml(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
            int port = ((Number) at(config, "server", "port")).intValue();
            ports.put(service, port);
            Map<String, Object> deployment = byName(objects, "Deployment", service);
            Map<String, Object> container = container(deployment, service);
            Map<String, Object> containerPort = list(container.get("ports")).get(0);
            assertThat(containerPort.get("containerPort")).as(service + " container port").isEqualTo(port);
            assertThat(containerPort.get("name")).isEqualTo("http");
            assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
            assertThat(at(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                    .isEqualTo(String.valueOf(port));

            Map<String, Object> svc = byName(objects, "Service", service);
            Map<String, Object> servicePort = list(at(svc, "spec", "ports")).get(0);
            assertThat(servicePort.get("port")).as(service + " service port").isEqualTo(port);
            assertThat(servicePort.get("targetPort")).isEqualTo("http");

            Set<String> environment = new HashSet<>();
            list(container.get("env")).forEach(e -> environment.add((String) e.get("name")));
            for (Map<String, Object> source : list(container.get("envFrom"))) {
                String configMap = (String) at(source, "configMapRef", "name");
                environment.addAll(mapOf(at(byName(objects, "ConfigMap", configMap), "data")).keySet());
            }
            Set<String> known = bindableEnvironment(PROPERTIES.get(service));
            for (String variable : environment) {
                assertThat(COMMON_ENVIRONMENT.contains(variable) || known.contains(variable))
                        .as(service + ": " + variable + " binds to no property of " + PROPERTIES.get(service)
                                + " (known: " + known + ")").isTrue();
            }
            Object configured = environment.contains("SERVER_PORT")
                    ? list(container.get("env")).stream().filter(e -> e.get("name").equals("SERVER_PORT"))
                    .findFirst().orElseThrow().get("value") : null;
            assertThat(configured).as(service + " SERVER_PORT").isEqualTo(String.valueOf(port));
        }
        // the gateway's downstream URLs name the verifiers' Services and ports
        Map<String, Object> gatewayConfig = mapOf(at(byName(objects, "ConfigMap", "gateway"), "data"));
        Map<String, String> urls = Map.of("REWARDS_GATEWAY_MATH_URL", "math-verifier",
                "REWARDS_GATEWAY_CODE_URL", "code-verifier", "REWARDS_GATEWAY_FORMAT_URL", "format-checker",
                "REWARDS_GATEWAY_LANGUAGE_URL", "language-consistency");
        urls.forEach((variable, service) -> assertThat(gatewayConfig.get(variable)).as(variable)
                .isEqualTo("http://" + service + ":" + ports.get(service)));
    }

    /** The environment variable names Spring's relaxed binding maps onto the record's properties. */
    private static Set<String> bindableEnvironment(String className) throws ClassNotFoundException {
        Class<?> type = Class.forName(className);
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        Set<String> names = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String kebab = component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            String property = prefix + "." + kebab;
            names.add(property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
            names.add(property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new LoaderOptions()).load(Files.readString(file));
    }

    private static List<Map<String, Object>> kinds(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static Map<String, Object> byName(List<Map<String, Object>> objects, String kind, String name) {
        return kinds(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> container(Map<String, Object> deployment, String name) {
        return list(at(deployment, "spec", "template", "spec", "containers")).stream()
                .filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static String name(Map<String, Object> object) {
        return (String) mapOf(object.get("metadata")).get("name");
    }

    private static Object at(Map<String, Object> object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
