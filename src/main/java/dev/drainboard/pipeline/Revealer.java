package dev.drainboard.pipeline;

import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.sink.RevealStore;
import dev.drainboard.sink.RevealStore.Lookup;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.Unmasker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Authorized recovery of masked values, for the CLI ({@code drainboard unmask}) and the console's
 * Reveal action. Every reveal needs a stated reason, shows only the rows asked for, and commits an
 * audit row (OS user, time, lookup, row count, reason) before any row is returned. Only {@code v2:}
 * masks can be revealed, with the SIV keyset; {@code v1:} rows are reported as one-way.
 *
 * <p>Blocking (one database round trip); call it off the UI thread. Thread-safe.
 */
public final class Revealer {
    public static final int MAX_REASON_LENGTH = 1000;

    private final RevealStore store;
    private final Unmasker unmasker;
    private final String unavailableReason;
    private final Supplier<String> osUser;

    private Revealer(RevealStore store, Unmasker unmasker, String unavailableReason, Supplier<String> osUser) {
        this.store = store;
        this.unmasker = unmasker;
        this.unavailableReason = unavailableReason;
        this.osUser = osUser;
    }

    /** A revealer with a keyset; the audit names the process's real OS user ({@link OsUser}). */
    public static Revealer withKeyset(RevealStore store, Unmasker unmasker) {
        return new Revealer(store, unmasker, null, OsUser::current);
    }

    /** A revealer with a keyset and another source for the audited user name (tests). */
    public static Revealer withKeyset(RevealStore store, Unmasker unmasker, Supplier<String> osUser) {
        return new Revealer(store, unmasker, null, osUser);
    }

    /** A revealer that refuses every reveal with {@code why}; for the console to show why the action is off. */
    public static Revealer unavailable(RevealStore store, String why) {
        return new Revealer(store, null, why, () -> "unknown");
    }

    /** True when a keyset is available; otherwise {@link #unavailableReason()} says why not. */
    public boolean canReveal() {
        return unmasker != null;
    }

    /** Why nothing can be revealed, or null when it can. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /**
     * Reveals the value behind {@code mask} on the rows that carry it in {@code column}. Only that
     * column is revealed.
     *
     * @throws IllegalArgumentException    when the reason or the mask is blank
     * @throws RevealUnavailableException  when there is no keyset
     */
    public Reveal reveal(MaskColumn column, String mask, String reason) {
        String why = checkReason(reason);
        if (mask == null || mask.isBlank()) {
            throw new IllegalArgumentException("give the mask to reveal, e.g. v2:1a2b3c4d:...");
        }
        checkAvailable();
        RevealStore.Found found = store.readAndAudit(Lookup.of(column), mask.strip(), osUser.get(), why);
        boolean ip = column == MaskColumn.MASKED_IP;
        return result(found, ip, !ip);
    }

    /**
     * Reveals {@code ip} and {@code device_id} on every row of one user.
     *
     * @throws IllegalArgumentException    when the reason or the user id is blank
     * @throws RevealUnavailableException  when there is no keyset
     */
    public Reveal revealUser(String userId, String reason) {
        String why = checkReason(reason);
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("give the user id whose rows to reveal");
        }
        checkAvailable();
        return result(store.readAndAudit(Lookup.USER_ID, userId.strip(), osUser.get(), why), true, true);
    }

    private Reveal result(RevealStore.Found found, boolean ip, boolean device) {
        List<RevealedRow> out = new ArrayList<>(found.rows().size());
        for (StoredLogin r : found.rows()) {
            out.add(new RevealedRow(r.userId(), r.deviceType(), r.locale(), r.appVersion(), r.createDate(),
                    r.maskedIp(), r.maskedDeviceId(),
                    ip ? unmasker.unmask(Masker.FIELD_IP, r.maskedIp()) : null,
                    device ? unmasker.unmask(Masker.FIELD_DEVICE_ID, r.maskedDeviceId()) : null));
        }
        return new Reveal(out, found.truncated());
    }

    private static String checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required: say why these values must be revealed "
                    + "(it is written to the audit table drainboard_reveals)");
        }
        String r = reason.strip();
        if (r.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("the reason has " + r.length() + " characters; keep it under "
                    + MAX_REASON_LENGTH + " and refer to a ticket for details");
        }
        return r;
    }

    private void checkAvailable() {
        if (unmasker == null) {
            throw new RevealUnavailableException(unavailableReason);
        }
    }
}
