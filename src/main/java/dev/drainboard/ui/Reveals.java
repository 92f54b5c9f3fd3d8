package dev.drainboard.ui;

import dev.drainboard.config.MaskScheme;
import dev.drainboard.pipeline.Reveal;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.sink.Warehouse.MaskColumn;

/**
 * The console's seam over {@link Revealer}, so the Reveal view model is tested with a fake. Every
 * reveal writes its audit row before it returns. {@link #reveal} blocks; call it through {@link Tasks}.
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
     * @throws dev.drainboard.pipeline.RevealUnavailableException without a keyset
     */
    Reveal reveal(MaskColumn column, String mask, String reason);

    /** Over the workspace's revealer; with the default hmac scheme the reason also says how to switch. */
    static Reveals of(Revealer r, MaskScheme scheme) {
        String why = r.canReveal() ? null : r.unavailableReason();
        if (why != null && scheme == MaskScheme.HMAC && why.startsWith("No SIV keyset")) {
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
                throw new dev.drainboard.pipeline.RevealUnavailableException(why);
            }
        };
    }
}
