package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes/*.yaml read as YAML (no cluster): probes, Secrets, IRSA and the KEDA trigger fit together. */
class DeploymentManifestsTest {
    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> byKind = new HashMap<>();
    private static JsonNode container;
    private static Map<String, JsonNode> env;

    @BeforeAll
    static void readTheManifests() throws IOException {
        for (String file : List.of("deployment.yaml", "serviceaccount.yaml", "keda.yaml", "secret.example.yaml")) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(DIR.resolve(file).toFile())) {
                for (JsonNode d : docs.readAll()) {
                    assertThat(byKind.put(d.path("kind").asText(), d)).as("one " + d.path("kind") + " only").isNull();
                }
            }
        }
        JsonNode containers = byKind.get("Deployment").at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        container = containers.get(0);
        env = new HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
    }

    @Test
    void theProbesUseTheHealthEndpointsOnTheMetricsPort() {
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
        JsonNode port = container.at("/ports/0");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo(port.get("name").asText());
        }
        assertThat(port.get("containerPort").asInt()).isEqualTo(9404);
        assertThat(env.get("DRAINBOARD_METRICS_PORT").get("value").asText()).isEqualTo("9404");
        assertThat(env.get("DRAINBOARD_METRICS_HOST").get("value").asText()).isEqualTo("0.0.0.0");
        assertThat(strings(container.get("args"))).containsExactly("drain", "--follow");
    }

    @Test
    void theMaskKeyAndTheDatabasePasswordComeFromTheSecret() {
        JsonNode secret = byKind.get("Secret");
        for (String name : List.of("DRAINBOARD_MASK_KEY", "DRAINBOARD_DB_PASSWORD")) {
            JsonNode e = env.get(name);
            assertThat(e.has("value")).as(name + " has no literal value").isFalse();
            JsonNode ref = e.at("/valueFrom/secretKeyRef");
            assertThat(ref.get("name").asText()).isEqualTo(secret.at("/metadata/name").asText());
            assertThat(secret.get("stringData").has(ref.get("key").asText())).as(name).isTrue();
        }
        assertThat(env.get("DRAINBOARD_JDBC_URL").get("value").asText()).doesNotContainIgnoringCase("password");
        assertThat(env.get("DRAINBOARD_SQS_ENDPOINT").get("value").asText()).isEqualTo("aws");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("AWS_ACCESS_KEY") || k.startsWith("AWS_SECRET"));
    }

    @Test
    void thePodIsNonRootWithAReadOnlyRootFilesystemResourcesAndTimeToStop() {
        JsonNode pod = byKind.get("Deployment").at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);   // the image's user
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        // the data folder sits on the one writable volume
        assertThat(env.get("DRAINBOARD_DATA_DIR").get("value").asText()).startsWith("/tmp/");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
        assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
        int shutdown = Integer.parseInt(env.get("DRAINBOARD_SHUTDOWN_TIMEOUT").get("value").asText());
        assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isGreaterThan(shutdown);
        JsonNode sa = byKind.get("ServiceAccount");
        assertThat(pod.get("serviceAccountName").asText()).isEqualTo(sa.at("/metadata/name").asText());
        assertThat(sa.at("/metadata/annotations").get("eks.amazonaws.com/role-arn").asText()).startsWith("arn:aws:iam::");
    }

    @Test
    void kedaScalesTheDeploymentOnTheSqsQueueWithIrsa() {
        JsonNode so = byKind.get("ScaledObject");
        assertThat(so.get("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
        assertThat(so.at("/spec/scaleTargetRef/name").asText()).isEqualTo(byKind.get("Deployment").at("/metadata/name")
                .asText());
        assertThat(so.at("/spec/minReplicaCount").asInt()).isLessThan(so.at("/spec/maxReplicaCount").asInt());
        JsonNode trigger = so.at("/spec/triggers/0");
        assertThat(trigger.get("type").asText()).isEqualTo("aws-sqs-queue");
        assertThat(trigger.at("/metadata/queueURL").asText()).isEqualTo(env.get("DRAINBOARD_QUEUE").get("value").asText());
        assertThat(trigger.at("/metadata/awsRegion").asText()).isEqualTo(env.get("DRAINBOARD_REGION").get("value").asText());
        assertThat(Integer.parseInt(trigger.at("/metadata/queueLength").asText())).isPositive();
        JsonNode auth = byKind.get("TriggerAuthentication");
        assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo(auth.at("/metadata/name").asText());
        assertThat(auth.at("/spec/podIdentity/provider").asText()).isEqualTo("aws");
    }

    @Test
    void kustomizeAppliesEverythingButTheExampleSecret() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        assertThat(strings(k.get("resources"))).containsExactlyInAnyOrder("serviceaccount.yaml", "deployment.yaml",
                "keda.yaml");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
