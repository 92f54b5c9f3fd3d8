package dev.drainboard.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What happens to each flattened login field on its way to {@code user_logins}: {@code mask}
 * (with the deployment's scheme and key, so equal values keep equal masks and stay joinable),
 * {@code keep} (stored as received) or {@code drop} (stored as NULL). The default masks {@code ip}
 * and {@code device_id} and keeps the rest. Keeping {@code ip} or {@code device_id} raw is refused
 * unless raw PII was explicitly allowed ({@code --allow-raw-pii}). Immutable.
 */
public final class MaskPolicy {
    public enum Action {
        MASK, KEEP, DROP;

        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The flattened fields, in the order of the table's columns. */
    public static final List<String> FIELDS = List.of("user_id", "device_type", "ip", "device_id", "locale",
            "app_version");
    /** The PII fields whose raw value is refused unless allowed. */
    public static final List<String> PII = List.of("ip", "device_id");
    /** Fields whose column (varchar(32)) cannot hold a mask of 35 characters or more. */
    static final List<String> TOO_NARROW_TO_MASK = List.of("device_type", "locale", "app_version");

    public static final MaskPolicy DEFAULT = new MaskPolicy(defaults(), false);

    private final Map<String, Action> actions;
    private final boolean rawPiiAllowed;

    private MaskPolicy(Map<String, Action> actions, boolean rawPiiAllowed) {
        this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        this.rawPiiAllowed = rawPiiAllowed;
    }

    private static Map<String, Action> defaults() {
        Map<String, Action> m = new LinkedHashMap<>();
        for (String f : FIELDS) {
            m.put(f, PII.contains(f) ? Action.MASK : Action.KEEP);
        }
        return m;
    }

    /**
     * Parses {@code field=action,...} (fields not named keep their default) and adds what is wrong
     * with it to {@code errors}; returns the policy, or {@link #DEFAULT} when there were errors.
     */
    public static MaskPolicy parse(String text, boolean allowRawPii, List<String> errors) {
        Map<String, Action> m = defaults();
        int before = errors.size();
        if (text != null) {
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String field = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String action = eq < 0 ? "" : part.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
                if (!FIELDS.contains(field)) {
                    errors.add("mask policy: '" + field + "' is not a login field; the fields are " + FIELDS);
                    continue;
                }
                Action a;
                try {
                    a = Action.valueOf(action.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add("mask policy: " + field + "=" + action + ": the action must be mask, keep or drop");
                    continue;
                }
                if (a == Action.MASK && TOO_NARROW_TO_MASK.contains(field)) {
                    errors.add("mask policy: " + field + "=mask: the column " + field + " is varchar(32), too narrow "
                            + "for a mask (35 characters or more); keep or drop it");
                    continue;
                }
                m.put(field, a);
            }
        }
        for (String f : PII) {
            if (m.get(f) == Action.KEEP && !allowRawPii) {
                errors.add("mask policy: " + f + "=keep would store raw " + f + " values in PostgreSQL. Refused: "
                        + "to really do that, add --allow-raw-pii (" + ConfigKey.ALLOW_RAW_PII.env() + "=true)");
            }
        }
        return errors.size() > before ? DEFAULT : new MaskPolicy(m, allowRawPii);
    }

    public Action action(String field) {
        Action a = actions.get(field);
        if (a == null) {
            throw new IllegalArgumentException("not a login field: " + field);
        }
        return a;
    }

    public List<String> fields(Action a) {
        List<String> out = new ArrayList<>();
        actions.forEach((f, x) -> {
            if (x == a) {
                out.add(f);
            }
        });
        return out;
    }

    /** True when raw PII was allowed by the flag (whether or not the policy uses it). */
    public boolean rawPiiAllowed() {
        return rawPiiAllowed;
    }

    /** The policy as a setting: {@code user_id=keep,device_type=keep,ip=mask,...}. */
    public String setting() {
        List<String> parts = new ArrayList<>();
        actions.forEach((f, a) -> parts.add(f + "=" + a.setting()));
        return String.join(",", parts);
    }

    /**
     * For people: {@code masked: ip, device_id, user_id}, then what is dropped and what PII is
     * kept raw, if any. Used by {@code depth}, {@code preview}, the console's preview and header.
     */
    public String summary() {
        List<String> masked = new ArrayList<>(fields(Action.MASK));
        // the PII first, as people look for them
        masked.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        StringBuilder b = new StringBuilder("masked: ").append(masked.isEmpty() ? "none" : String.join(", ", masked));
        List<String> dropped = fields(Action.DROP);
        if (!dropped.isEmpty()) {
            b.append("; dropped: ").append(String.join(", ", dropped));
        }
        List<String> raw = new ArrayList<>();
        for (String f : PII) {
            if (actions.get(f) == Action.KEEP) {
                raw.add(f);
            }
        }
        if (!raw.isEmpty()) {
            b.append("; RAW (allowed by --allow-raw-pii): ").append(String.join(", ", raw));
        }
        return b.toString();
    }

    private static int rank(String f) {
        int i = PII.indexOf(f);
        return i >= 0 ? i : PII.size() + FIELDS.indexOf(f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskPolicy p && p.actions.equals(actions) && p.rawPiiAllowed == rawPiiAllowed;
    }

    @Override
    public int hashCode() {
        return actions.hashCode() * 31 + Boolean.hashCode(rawPiiAllowed);
    }

    @Override
    public String toString() {
        return setting();
    }
}
