package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscaperTest {

  @Test
  void escapesMarkupQuotesAndAmpersands() {
    assertThat(HtmlEscaper.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(HtmlEscaper.escape("\"onmouseover=alert(1) x='y'"))
        .isEqualTo("&quot;onmouseover=alert(1) x=&#39;y&#39;");
    assertThat(HtmlEscaper.escape("a & b &amp; c")).isEqualTo("a &amp; b &amp;amp; c");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(HtmlEscaper.escape("vpc-0abc · eu-west-1 / PP011")).isEqualTo("vpc-0abc · eu-west-1 / PP011");
    assertThat(HtmlEscaper.escape(null)).isEmpty();
  }

  @Test
  void replacesNul() {
    assertThat(HtmlEscaper.escape("a\0b")).isEqualTo("a\uFFFDb");
  }
}
