package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

  @Test
  void valuesCannotBecomeMarkupLinksMentionsOrRows() {
    assertThat(MarkdownRenderer.escape("<img src=x onerror=alert(1)>")).isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(MarkdownRenderer.escape("[click](https://evil) | *b* `c` @org/team"))
        .isEqualTo("\\[click\\](https://evil) \\| \\*b\\* \\`c\\` &#64;org/team");
    assertThat(MarkdownRenderer.escape("a\nb\r\n| c")).isEqualTo("a b \\| c");
    assertThat(MarkdownRenderer.escape("# title")).isEqualTo("\\# title");
    assertThat(MarkdownRenderer.escape("- item")).isEqualTo("\\- item");
    assertThat(MarkdownRenderer.escape("12. item")).isEqualTo("12\\. item");
    assertThat(MarkdownRenderer.escape("vpc-0abc.x")).isEqualTo("vpc-0abc.x");
  }

  @Test
  void aCodeFenceIsLongerThanAnyBacktickRunInTheCode() {
    assertThat(MarkdownRenderer.fenceFor("echo hi")).isEqualTo("```");
    assertThat(MarkdownRenderer.fenceFor("echo ````")).isEqualTo("`````");
  }

  @Test
  void rendersFindingsAndDetails() {
    String md = new MarkdownRenderer().render(Fixtures.hostile(), Fixtures.OPTIONS);

    assertThat(md).startsWith("## pullpath: ");
    // Inside a code fence text is literal; everywhere else no tag from the account may survive.
    StringBuilder outsideFences = new StringBuilder();
    boolean inFence = false;
    for (String line : md.split("\n")) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      } else if (!inFence) {
        outsideFences.append(line).append('\n');
      }
    }
    assertThat(inFence).isFalse();
    assertThat(outsideFences.toString()).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>")
        .contains("&lt;script&gt;");
  }
}
