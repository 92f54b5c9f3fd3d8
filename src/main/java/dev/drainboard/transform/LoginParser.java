package dev.drainboard.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a message body into a {@link LoginEvent} or a {@link Rejection}; never throws on bad input.
 *
 * <p>Flattening rule: nested objects are joined to their parent key with {@code _}, so
 * {@code {"device": {"id": "x"}}} gives {@code device_id}. Arrays are not flattened (an array where a
 * string belongs is a wrong type). A flat and a nested spelling of the same field reject the message,
 * since neither can be preferred safely. Unknown fields are ignored.
 *
 * <p>Reasons and summaries name only the known fields and never contain a value, so they are safe
 * to store and show. Thread-safe.
 */
public final class LoginParser {
    public static final int MAX_NESTING = 32;

    /** Column widths of {@code user_logins}, plus sanity bounds for the masked fields. */
    static final Map<String, Integer> MAX_LENGTH = Map.of(
            "user_id", 128, "device_type", 32, "locale", 32, "app_version", 32, "ip", 45, "device_id", 256);
    static final List<String> REQUIRED = List.of("user_id", "device_type", "ip", "device_id", "app_version");
    static final List<String> FIELDS = List.of("user_id", "device_type", "ip", "device_id", "app_version", "locale");
    static final Set<String> KNOWN = Set.copyOf(FIELDS);


    private final ObjectMapper mapper;
    private final int maxMaskedBytes;

    /** A parser for a masker without an input limit (HMAC hashes any length). */
    public LoginParser() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A parser that also rejects an {@code ip} or {@code device_id} longer than {@code maxMaskedBytes}
     * in UTF-8: the masker's {@link Masker#maxInputBytes()}, so a value its mask cannot hold becomes
     * a rejection instead of an error that stops the batch.
     */
    public LoginParser(int maxMaskedBytes) {
        this.maxMaskedBytes = maxMaskedBytes;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    public ParseResult parse(QueueMessage message) {
        String body = message.body();
        String id = message.messageId();
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        if (text.isBlank()) {
            return reject(id, body.isEmpty() ? "the body is empty" : "the body is only whitespace", body, null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            String why = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT).contains("nesting")
                    ? "the JSON is nested deeper than " + MAX_NESTING + " levels"
                    : "the JSON exceeds a size limit (a number or string far too long)";
            return reject(id, why, body, null);
        } catch (JsonProcessingException e) {
            return reject(id, jsonProblem(e), body, null);
        }
        if (root == null || root.isMissingNode()) {
            return reject(id, "the body holds no JSON value", body, null);
        }
        if (!root.isObject()) {
            return reject(id, "the body is a JSON " + kind(root) + ", not an object", body, null);
        }
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        String clash = flatten("", root, flat);
        if (clash != null) {
            return reject(id, clash, body, flat);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            JsonNode node = flat.get(field);
            if (node == null || node.isNull()) {
                values.put(field, null);
                continue;
            }
            if (!node.isTextual()) {
                return reject(id, "field '" + field + "' is a " + kind(node) + ", expected a string", body, flat);
            }
            values.put(field, node.textValue());
        }
        for (String field : REQUIRED) {
            if (!flat.containsKey(field)) {
                return reject(id, "field '" + field + "' is missing", body, flat);
            }
            String v = values.get(field);
            if (v == null) {
                return reject(id, "field '" + field + "' is null", body, flat);
            }
            if (v.isBlank()) {
                return reject(id, "field '" + field + "' is " + (v.isEmpty() ? "empty" : "blank"), body, flat);
            }
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String problem = textProblem(e.getKey(), e.getValue());
            if (problem != null) {
                return reject(id, problem, body, flat);
            }
        }
        for (String field : List.of(Masker.FIELD_IP, Masker.FIELD_DEVICE_ID)) {
            int bytes = values.get(field).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxMaskedBytes) {
                return reject(id, "field '" + field + "' has " + bytes + " bytes in UTF-8, more than the "
                        + maxMaskedBytes + " the configured mask scheme can hold", body, flat);
            }
        }
        IpAddresses.Result ip = IpAddresses.canonical(values.get("ip"));
        if (ip.canonical() == null) {
            return reject(id, "field 'ip' " + ip.problem(), body, flat);
        }
        LocalDate created = LocalDate.ofInstant(message.sentAt(), ZoneOffset.UTC);
        // the canonical spelling is masked, so equal addresses get equal masks
        return new ParseResult.Parsed(new LoginEvent(id, values.get("user_id"), values.get("device_type"),
                ip.canonical(), values.get("device_id"), values.get("locale"), values.get("app_version"), created));
    }

    private static String textProblem(String field, String v) {
        if (v == null) {
            return null;
        }
        int max = MAX_LENGTH.get(field);
        if (v.length() > max) {
            return "field '" + field + "' has " + v.length() + " characters, more than its limit of " + max;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return "field '" + field + "' contains a control character";
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(v.charAt(i - 1)))) {
                return "field '" + field + "' is not valid Unicode (a lone surrogate)";
            }
        }
        return null;
    }

    /** Flattens nested objects into {@code out}; returns a rejection reason on a key clash. */
    private static String flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "_" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                String clash = flatten(key, v, out);
                if (clash != null) {
                    return clash;
                }
            } else if (out.putIfAbsent(key, v) != null) {
                return (KNOWN.contains(key) ? "field '" + key + "'" : "a field")
                        + " is given twice (once flat, once nested)";
            }
        }
        return null;
    }

    private static String jsonProblem(JsonProcessingException e) {
        String msg = String.valueOf(e.getOriginalMessage());
        if (msg.startsWith("Duplicate field")) {
            String name = msg.replaceAll("^Duplicate field '(.*)'$", "$1");
            return (KNOWN.contains(name) ? "field '" + name + "'" : "a key") + " appears twice in one object";
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        if (msg.startsWith("Unexpected end-of-input")) {
            return "the JSON is truncated" + where;
        }
        if (msg.startsWith("Trailing token")) {
            return "there is more text after the JSON value" + where;
        }
        return "not valid JSON" + where;
    }

    private static String kind(JsonNode n) {
        switch (n.getNodeType()) {
            case ARRAY: return "array";
            case BOOLEAN: return "boolean";
            case NUMBER: return "number";
            case OBJECT: return "object";
            case STRING: return "string";
            case NULL: return "null";
            default: return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static ParseResult reject(String id, String reason, String body, Map<String, JsonNode> flat) {
        return new ParseResult.Rejected(new Rejection(id, reason, summarize(body, flat)));
    }

    /** Length and shape of a body, naming only known fields and counting the others; never a value. */
    static String summarize(String body, Map<String, JsonNode> flat) {
        if (flat == null) {
            return body.length() + " chars, not a JSON object";
        }
        TreeSet<String> known = new TreeSet<>();
        int others = 0;
        for (String k : flat.keySet()) {
            if (KNOWN.contains(k)) {
                known.add(k);
            } else {
                others++;
            }
        }
        return body.length() + " chars, JSON object with " + (known.isEmpty() ? "no known fields"
                : "fields " + String.join(", ", known)) + (others == 0 ? "" : " and " + others + " other key"
                + (others == 1 ? "" : "s"));
    }
}
