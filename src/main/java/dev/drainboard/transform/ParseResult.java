package dev.drainboard.transform;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.Rejection;

/** The outcome of parsing one body: exactly one of a login or a rejection. */
public sealed interface ParseResult {
    record Parsed(LoginEvent event) implements ParseResult {
    }

    record Rejected(Rejection rejection) implements ParseResult {
    }
}
