package dev.drainboard.source;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigLoader;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** Builds the SDK client and the {@link SqsQueueSource} for a configuration. */
public final class SqsClients {
    private SqsClients() {
    }

    /**
     * Opens the source for {@code endpoint} (null for real AWS's endpoint of the region). A local
     * endpoint gets dummy static credentials; real AWS uses the default credential chain.
     */
    public static SqsQueueSource open(AppConfig config, URI endpoint) {
        SqsClient client = client(config, endpoint, config.workers() * 2 + 8);
        try {
            String where = endpoint == null ? "AWS SQS (" + config.region() + ")"
                    : ConfigLoader.redactUrl(endpoint.toString());
            return new SqsQueueSource(client, where, config.queue(), config.queueUrl().orElse(null),
                    config.visibilityTimeout(), endpoint != null);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public static SqsClient client(AppConfig config, URI endpoint, int maxConnections) {
        SqsClientBuilder b = SqsClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(maxConnections)
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(config.waitSeconds() + 15L)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new NonJsonReplyInterceptor()));
        if (endpoint != null) {
            b.endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }
}
