package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege policy in docs/ grants exactly the SQS actions that the source package calls
 * (IAM authorises a batch call with its single action: DeleteMessageBatch needs sqs:DeleteMessage),
 * on the queue and its dead-letter queue only. A new SDK call without a policy change fails here.
 */
class IamPolicyTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void thePolicyGrantsExactlyTheSqsActionsTheSourceCallsOnTheTwoQueues() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(ROOT.resolve("src/main/java/dev/drainboard/source"))) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java")).sorted()::iterator) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        String source = all.toString();
        Set<String> called = new TreeSet<>();
        Matcher m = Pattern.compile("\\bsqs\\.(\\w+)\\(").matcher(source);
        while (m.find()) {
            String op = m.group(1);
            if (!op.equals("close")) {
                called.add("sqs:" + Character.toUpperCase(op.charAt(0)) + op.substring(1).replaceFirst("Batch$", ""));
            }
        }

        JsonNode policy = new ObjectMapper().readTree(ROOT.resolve("docs/drainboard-sqs-policy.json").toFile());
        Set<String> granted = new TreeSet<>();
        Set<String> resources = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> granted.add(a.asText()));
            } else {
                granted.add(action.asText());
            }
            resources.add(statement.get("Resource").asText());
        }

        assertThat(granted).isEqualTo(called);
        assertThat(called).contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage", "sqs:CreateQueue",
                "sqs:ListMessageMoveTasks", "sqs:StartMessageMoveTask");
        assertThat(resources).containsExactlyInAnyOrder("arn:aws:sqs:REGION:ACCOUNT_ID:login-queue",
                "arn:aws:sqs:REGION:ACCOUNT_ID:login-queue-dlq");
    }
}
