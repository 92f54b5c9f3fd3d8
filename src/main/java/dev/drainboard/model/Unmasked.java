package dev.drainboard.model;

/**
 * What {@link Unmasker} could do with one stored mask. {@code value} is the original value only
 * when {@code outcome} is {@link Outcome#REVEALED}; otherwise it is null and {@code explanation}
 * says why, in words an operator can act on.
 */
public record Unmasked(Outcome outcome, String value, String explanation) {

    public enum Outcome {
        /** A v2 mask decrypted with a key of the keyset. */
        REVEALED,
        /** The stored value was null; there is nothing to reveal. */
        NULL,
        /** A v1 (HMAC) mask: one-way by design, no key can reveal it. */
        ONE_WAY,
        /** A v2 mask made with a key this keyset does not hold. */
        KEY_NOT_IN_KEYSET,
        /** A v2 mask whose key is present but which does not decrypt: altered, or from the other column. */
        DOES_NOT_DECRYPT,
        /** Not a Drainboard mask at all. */
        UNRECOGNIZED
    }

    public static Unmasked revealed(String value) {
        return new Unmasked(Outcome.REVEALED, value, "revealed");
    }

    public boolean isRevealed() {
        return outcome == Outcome.REVEALED;
    }

    /** The value when revealed, otherwise the explanation in angle brackets; for display. */
    public String display() {
        return isRevealed() ? value : "<" + explanation + ">";
    }

    /**
     * The value, "-" for null, or why it is not recoverable: the wording that both
     * {@code drainboard unmask} and the console's Reveal dialog show.
     */
    public String forPeople() {
        switch (outcome()) {
            case REVEALED:
                return value;
            case NULL:
                return "-";
            case ONE_WAY:
                return "(not recoverable: v1 is one-way)";
            default:
                return "(not recoverable: " + explanation + ")";
        }
    }
}
