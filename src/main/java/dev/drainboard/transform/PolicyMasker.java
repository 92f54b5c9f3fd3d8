package dev.drainboard.transform;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.MaskFacts;
import dev.drainboard.model.MaskedLogin;
import java.util.Set;

/**
 * A {@link Masker} that applies a masking policy: the fields in {@code masked} get the wrapped
 * scheme's mask (same key, same format, so equal values stay equal and joinable), the fields in
 * {@code dropped} become null, every other field passes through. {@code ip} and {@code device_id}
 * in neither set are stored raw: the configuration refuses that unless explicitly allowed.
 * Thread-safe when the wrapped masker is.
 */
public final class PolicyMasker implements Masker {
    private final Masker scheme;
    private final Set<String> masked;
    private final Set<String> dropped;

    public PolicyMasker(Masker scheme, Set<String> masked, Set<String> dropped) {
        this.scheme = scheme;
        this.masked = Set.copyOf(masked);
        this.dropped = Set.copyOf(dropped);
    }

    /** The scheme's mask of one value, whatever the policy says (mask-table and tests use it). */
    @Override
    public String mask(String field, String value) {
        return scheme.mask(field, value);
    }

    @Override
    public int maxInputBytes() {
        return scheme.maxInputBytes();
    }

    @Override
    public MaskedLogin apply(LoginEvent e) {
        return new MaskedLogin(e.messageId(), field("user_id", e.userId()), field("device_type", e.deviceType()),
                field(FIELD_IP, e.ip()), field(FIELD_DEVICE_ID, e.deviceId()), field("locale", e.locale()),
                field("app_version", e.appVersion()), e.createDate(), MaskFacts.of(e, masked, dropped));
    }

    private String field(String name, String value) {
        if (dropped.contains(name)) {
            return null;
        }
        return masked.contains(name) ? scheme.mask(name, value) : value;
    }
}
