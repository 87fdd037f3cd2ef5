package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFormatTest {

  @Test
  void parsesNamesCaseInsensitively() {
    assertThat(ReportFormat.parse("sarif")).isEqualTo(ReportFormat.SARIF);
    assertThat(ReportFormat.parse(" HTML ")).isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.parse("Json")).isEqualTo(ReportFormat.JSON);
  }

  @Test
  void anUnknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> ReportFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown report format 'xml' (valid formats: text, json, sarif, html, markdown)");
    assertThatThrownBy(() -> ReportFormat.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachFormatHasAnExtensionAndItsRenderer() {
    assertThat(ReportFormat.TEXT.extension()).isEqualTo("txt");
    assertThat(ReportFormat.JSON.extension()).isEqualTo("json");
    assertThat(ReportFormat.SARIF.extension()).isEqualTo("sarif");
    assertThat(ReportFormat.HTML.extension()).isEqualTo("html");
    assertThat(ReportFormat.TEXT.renderer()).isInstanceOf(TextRenderer.class);
    assertThat(ReportFormat.JSON.renderer()).isInstanceOf(JsonRenderer.class);
    assertThat(ReportFormat.SARIF.renderer()).isInstanceOf(SarifRenderer.class);
    assertThat(ReportFormat.HTML.renderer()).isInstanceOf(HtmlRenderer.class);
  }

  @Test
  void everyFormatIsDeterministic() {
    ReportOptions options = new ReportOptions("0.1.0", false, Fixtures.SOURCE_TEXT);
    for (ReportFormat format : ReportFormat.values()) {
      String once = format.renderer().render(Fixtures.broken(), options);
      assertThat(format.renderer().render(Fixtures.broken(), options)).as(format.label()).isEqualTo(once);
      assertThat(once).as(format.label()).doesNotContain("\r").endsWith("\n");
    }
  }
}
