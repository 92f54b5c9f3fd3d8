package dev.drainboard.ui.common;

import dev.drainboard.app.Failures;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failure into one or two sentences for a banner: what failed and what to do. Never a
 * stack trace, never a class name when the exception carries a readable message.
 */
public final class Problems {
    private Problems() {
    }

    /** "Could not {action}: {cause}. {advice}" */
    public static String describe(String action, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof LinkageError) {
            return "Could not " + action + ": a part of Drainboard is missing (" + firstLine(t.getMessage())
                    + "). Build with 'mvn package' and start with 'java -jar target/drainboard.jar'.";
        }
        String cause = firstLine(t.getMessage());
        if (cause.isBlank()) {
            cause = "an unexpected " + t.getClass().getSimpleName() + " happened";
        }
        return "Could not " + action + ": " + trimDot(cause) + ". " + advice(t);
    }

    /** Just the cause, for tooltips. */
    public static String cause(Throwable failure) {
        Throwable t = unwrap(failure);
        String cause = firstLine(t.getMessage());
        return cause.isBlank() ? t.getClass().getSimpleName() : cause;
    }

    private static String advice(Throwable t) {
        Failures kind = Failures.of(t);
        if (kind == Failures.QUEUE) {
            return "Nothing was lost: unfinished messages return to the queue. Check SQS, then try again.";
        }
        if (kind == Failures.DATABASE_UNREACHABLE || isClosedPool(t)) {
            return "Nothing was written or deleted. Check PostgreSQL, then try again.";
        }
        if (kind == Failures.DATABASE_REFUSED) {
            return "Nothing was deleted without being stored. See the activity log for details.";
        }
        if (kind == Failures.CONFIGURATION) {
            return "Fix the setting (flag, environment variable or properties file) and start again.";
        }
        if (t instanceof IllegalStateException) {
            return "The connection is closed. Restart the console.";
        }
        return "Try again; if it keeps happening, restart the console.";
    }

    private static boolean isClosedPool(Throwable t) {
        return String.valueOf(t.getMessage()).contains("has been closed");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable r = t;
        while ((r instanceof ExecutionException || r instanceof CompletionException
                || r instanceof UncheckedIOException && r.getCause() != null && r.getMessage() == null)
                && r.getCause() != null) {
            r = r.getCause();
        }
        return r;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
