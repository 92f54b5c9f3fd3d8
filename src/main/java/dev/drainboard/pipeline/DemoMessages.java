package dev.drainboard.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Message bodies for demos, tests and the benchmark: the exercise's 100-message sample, or
 * generated logins where a share reuse an earlier ip and device id (so duplicates exist to find).
 */
public final class DemoMessages {
    private static final String[] DEVICE_TYPES = {"android", "ios"};
    private static final String[] LOCALES = {"RU", "PH", "US", "DE", "BR", "IN", "FR", "JP", null, null};

    private DemoMessages() {
    }

    /** The 100 sample messages shipped in the jar (data/sample_messages.jsonl). */
    public static List<String> sample() {
        try (InputStream in = DemoMessages.class.getResourceAsStream("/data/sample_messages.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("data/sample_messages.jsonl is missing from the classpath");
            }
            return lines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One body per non-blank line of a JSON-lines file. */
    public static List<String> fromFile(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return lines(r);
        }
    }

    private static List<String> lines(BufferedReader r) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * Generates {@code count} login bodies. About {@code duplicateShare} of them reuse the ip and
     * device id of an earlier one; about {@code malformedShare} are not valid logins.
     */
    public static List<String> generate(int count, double duplicateShare, double malformedShare, long seed) {
        Generator g = new Generator(duplicateShare, malformedShare, seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(g.next());
        }
        return out;
    }

    /**
     * An endless, deterministic stream of bodies in constant memory (it remembers at most 10,000
     * ip/device pairs to repeat). Not thread-safe.
     */
    public static final class Generator {
        private final double duplicateShare;
        private final double malformedShare;
        private final Random rnd;
        private final List<String[]> seen = new ArrayList<>();
        private long produced;
        private long malformed;

        public Generator(double duplicateShare, double malformedShare, long seed) {
            this.duplicateShare = duplicateShare;
            this.malformedShare = malformedShare;
            this.rnd = new Random(seed);
        }

        public String next() {
            produced++;
            if (rnd.nextDouble() < malformedShare) {
                malformed++;
                return rnd.nextBoolean() ? "{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"" + produced + "\"}"
                        : "{\"user_id\": \"" + new UUID(rnd.nextLong(), rnd.nextLong()) + "\", \"ip\": ";
            }
            String[] pii;
            if (!seen.isEmpty() && rnd.nextDouble() < duplicateShare) {
                pii = seen.get(rnd.nextInt(seen.size()));
            } else {
                pii = new String[] {
                    (1 + rnd.nextInt(254)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)),
                    String.format(Locale.ROOT, "%03d-%02d-%04d", rnd.nextInt(1000), rnd.nextInt(100), rnd.nextInt(10000))
                };
                if (seen.size() < 10_000) {
                    seen.add(pii);
                }
            }
            String locale = LOCALES[rnd.nextInt(LOCALES.length)];
            return "{\"user_id\": \"" + new UUID(rnd.nextLong(), rnd.nextLong()) + "\", \"app_version\": \""
                    + rnd.nextInt(4) + "." + rnd.nextInt(10) + "." + rnd.nextInt(10) + "\", \"device_type\": \""
                    + DEVICE_TYPES[rnd.nextInt(2)] + "\", \"ip\": \"" + pii[0] + "\", \"locale\": "
                    + (locale == null ? "null" : "\"" + locale + "\"") + ", \"device_id\": \"" + pii[1] + "\"}";
        }

        /** How many of the bodies produced so far are not valid logins. */
        public long malformed() {
            return malformed;
        }

        public long produced() {
            return produced;
        }
    }
}
