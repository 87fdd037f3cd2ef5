package dev.pullpath.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

  @Test
  void safeWordsStayBare() {
    assertThat(ShellQuote.quote("arn:aws:iam::111122223333:role/path/name")).isEqualTo("arn:aws:iam::111122223333:role/path/name");
    assertThat(ShellQuote.quote("sg-0abc,x=y+z@1%2")).isEqualTo("sg-0abc,x=y+z@1%2");
  }

  @Test
  void everythingElseIsSingleQuoted() {
    assertThat(ShellQuote.quote("")).isEqualTo("''");
    assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuote.quote("{\"Value\":true}")).isEqualTo("'{\"Value\":true}'");
  }

  /** sh reads each quoted value back verbatim, as one word, and runs nothing in it. */
  @ParameterizedTest
  @ValueSource(strings = {"x'$(touch pwned)'", "`touch pwned`", "a\nb", "héllo wörld ☃", "'", "''", "\\'\\",
      "$HOME", "*", "a;b|c&d>e", "-n", "\"dq\"", "tab\there", "!event"})
  void shReadsTheValueBackVerbatim(String value) throws IOException, InterruptedException {
    Process sh = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellQuote.quote(value) + " ; printf '\\n%s' done")
        .redirectErrorStream(true).start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    sh.waitFor();
    assertThat(out).isEqualTo(value + "\ndone");
  }
}
