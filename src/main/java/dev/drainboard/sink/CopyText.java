package dev.drainboard.sink;

import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: fields separated by a tab,
 * rows ended by a newline, {@code \N} for null, and a backslash in front of the characters that
 * would otherwise mean something (backslash, tab, newline, carriage return). Nothing else is
 * changed, so every value arrives exactly as given, whatever it holds.
 */
final class CopyText {
    private final StringBuilder text;

    CopyText(int expectedChars) {
        this.text = new StringBuilder(expectedChars);
    }

    /** Appends a field and the tab after it. */
    CopyText field(String value) {
        append(value);
        text.append('\t');
        return this;
    }

    /** Appends the row's last field and ends the row. */
    CopyText last(String value) {
        append(value);
        text.append('\n');
        return this;
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void append(String value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
    }
}
