package dev.drainboard.app;

import dev.drainboard.config.MaskScheme;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.pipeline.Reveal;
import dev.drainboard.pipeline.RevealUnavailableException;
import dev.drainboard.pipeline.Revealer;

/**
 * Both faces' seam over {@link Revealer}, so the Reveal view model is tested with a fake. Every
 * reveal writes its audit row before it returns. {@link #reveal} and {@link #revealUser} block;
 * the console calls them through its task adapter.
 */
public interface Reveals {

    /** True when a keyset is available; otherwise {@link #unavailableReason()} says why not. */
    boolean canReveal();

    /** Why nothing can be revealed and how to change that; null when {@link #canReveal()}. */
    String unavailableReason();

    /**
     * Reveals the value behind {@code mask} on the rows carrying it in {@code column}.
     *
     * @throws IllegalArgumentException when the reason or the mask is blank
     * @throws RevealUnavailableException without a keyset
     */
    Reveal reveal(MaskColumn column, String mask, String reason);

    /** Reveals ip and device id on every row of {@code userId}; as {@link #reveal}. */
    default Reveal revealUser(String userId, String reason) {
        throw new RevealUnavailableException(unavailableReason());
    }

    /**
     * Over {@code r}; with the default hmac scheme and no keyset at all, the reason says how to
     * switch to a recoverable scheme instead.
     */
    static Reveals of(Revealer r, Masking masking) {
        return of(r, masking.scheme(), masking.keysetMissing());
    }

    /** As {@link #of(Revealer, Masking)}, for a scheme and whether a keyset exists at all. */
    static Reveals of(Revealer r, MaskScheme scheme, boolean keysetMissing) {
        String why = r.canReveal() ? null : r.unavailableReason();
        if (why != null && scheme == MaskScheme.HMAC && keysetMissing) {
            why = "This deployment masks with hmac: v1 masks are one-way, so nobody can reveal them. To make new rows "
                    + "recoverable, start with DRAINBOARD_MASK_SCHEME=siv (or --mask-scheme siv); rows already stored "
                    + "keep their v1 masks. See \"Recovering PII\" in the README.";
        }
        String reason = why;
        return new Reveals() {
            @Override
            public boolean canReveal() {
                return r.canReveal();
            }

            @Override
            public String unavailableReason() {
                return reason;
            }

            @Override
            public Reveal reveal(MaskColumn column, String mask, String because) {
                return r.reveal(column, mask, because);
            }

            @Override
            public Reveal revealUser(String userId, String because) {
                return r.revealUser(userId, because);
            }
        };
    }

    /** A backend that cannot reveal anything, for {@code why}. */
    static Reveals unavailable(String why) {
        return new Reveals() {
            @Override
            public boolean canReveal() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return why;
            }

            @Override
            public Reveal reveal(MaskColumn column, String mask, String reason) {
                throw new RevealUnavailableException(why);
            }
        };
    }
}
