package dev.drainboard.app;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigException;
import dev.drainboard.config.MaskKey;
import dev.drainboard.config.MaskPolicy;
import dev.drainboard.config.MaskScheme;
import dev.drainboard.config.SivKeyset;
import dev.drainboard.config.SivKeysets;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.sink.RevealStore;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.PolicyMasker;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.transform.Unmasker;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The configured mask scheme, resolved to its key material: the {@link Masker} new rows get, and a
 * {@link Revealer} that can reveal {@code v2:} masks whenever a SIV keyset exists (also after a
 * deployment went back to HMAC, so the rows masked meanwhile stay recoverable).
 */
public final class Masking {
    private final MaskScheme scheme;
    private final Masker masker;
    private final Optional<SivKeyset> keyset;
    private final String noKeysetReason;
    private final String description;
    private final boolean keysetMissing;

    private Masking(MaskScheme scheme, Masker masker, Optional<SivKeyset> keyset, String noKeysetReason,
                    String description) {
        this(scheme, masker, keyset, noKeysetReason, description, false);
    }

    private Masking(MaskScheme scheme, Masker masker, Optional<SivKeyset> keyset, String noKeysetReason,
                    String description, boolean keysetMissing) {
        this.keysetMissing = keysetMissing;
        this.scheme = scheme;
        this.masker = masker;
        this.keyset = keyset;
        this.noKeysetReason = noKeysetReason;
        this.description = description;
    }

    /**
     * Loads the key material of the configured scheme; for siv, creates the keyset on first use.
     * The masker applies the configured {@link MaskPolicy} to each login.
     */
    public static Masking open(AppConfig config, MaskKey hmacKey) {
        MaskPolicy policy = config.maskPolicy();
        if (config.maskScheme() == MaskScheme.SIV) {
            SivKeyset ks = SivKeysets.loadOrCreate(config);
            return new Masking(MaskScheme.SIV, withPolicy(new SivMasker(ks.handle()), policy), Optional.of(ks), null,
                    describe(ks));
        }
        String hmac = "hmac (v1, one-way), key fingerprint " + hmacKey.fingerprint();
        return forReveal(config, MaskScheme.HMAC, withPolicy(new HmacMasker(hmacKey.bytes()), policy), hmac);
    }

    private static Masker withPolicy(Masker scheme, MaskPolicy policy) {
        if (policy.equals(MaskPolicy.DEFAULT)) {
            return scheme; // the pinned default: ip and device_id masked, the rest kept
        }
        return new PolicyMasker(scheme, Set.copyOf(policy.fields(MaskPolicy.Action.MASK)),
                Set.copyOf(policy.fields(MaskPolicy.Action.DROP)));
    }

    /** Only what revealing needs: the keyset if there is one. Never creates key material. */
    public static Masking forReveal(AppConfig config) {
        return forReveal(config, config.maskScheme(), null, config.maskScheme().setting());
    }

    private static Masking forReveal(AppConfig config, MaskScheme scheme, Masker masker, String description) {
        try {
            Optional<SivKeyset> ks = SivKeysets.loadExisting(config);
            // loadExisting is empty only when the setting is unset and the keyset file is missing
            String why = ks.isPresent() ? null : "No SIV keyset: " + SivKeysets.file(config) + " does not exist and "
                    + "DRAINBOARD_SIV_KEYSET is not set, so nothing can be revealed. "
                    + (scheme == MaskScheme.HMAC ? "This deployment masks with hmac (v1 masks are one-way). " : "")
                    + "Only v2: masks can be revealed, and only with the keyset that made them.";
            return new Masking(scheme, masker, ks, why, description, ks.isEmpty());
        } catch (ConfigException e) {
            // a damaged or exposed keyset must not stop an HMAC deployment; it only blocks revealing
            return new Masking(scheme, masker, Optional.empty(), e.getMessage(), description);
        }
    }

    private static String describe(SivKeyset ks) {
        return "siv (v2, recoverable), primary key " + SivMasker.keyIdText(ks.primaryId()) + " of " + ks.keys().size()
                + (ks.keys().size() == 1 ? " key" : " keys");
    }

    public MaskScheme scheme() {
        return scheme;
    }

    /** The masker for new rows; null for a {@link #forReveal} instance. */
    public Masker masker() {
        return masker;
    }

    /** True when no SIV keyset exists at all (not set, no file), as opposed to a damaged or exposed one. */
    public boolean keysetMissing() {
        return keysetMissing;
    }

    /** How a SIV key id is written in masks and listings ("1a2b3c4d"). */
    public static String keyIdText(int keyId) {
        return SivMasker.keyIdText(keyId);
    }

    public Optional<SivKeyset> keyset() {
        return keyset;
    }

    /** One line for logs and the console: the scheme and a key fingerprint or id, never key material. */
    public String description() {
        return description;
    }

    /** A revealer over {@code ds}; without a keyset it refuses every reveal and says why. */
    public Revealer revealer(DataSource ds) {
        RevealStore store = new RevealStore(ds);
        return keyset.map(k -> Revealer.withKeyset(store, new Unmasker(k.handle())))
                .orElseGet(() -> Revealer.unavailable(store, noKeysetReason));
    }
}
