package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void fieldsAreTabSeparatedRowsEndWithANewlineAndNullIsBackslashN() {
        String text = new CopyText(16).field("a").field(null).last("c").field("d").last(null).toString();
        assertThat(text).isEqualTo("a\t\\N\tc\nd\t\\N\n");
    }

    @Test
    void onlyBackslashTabNewlineAndCarriageReturnAreEscaped() {
        String text = new CopyText(16).last("back\\slash tab\tnew\nline cr\r \\N \\. é ☃ 'quote' \"dq\" ,").toString();
        assertThat(text).isEqualTo("back\\\\slash tab\\tnew\\nline cr\\r \\\\N \\\\. é ☃ 'quote' \"dq\" ,\n");
    }
}
