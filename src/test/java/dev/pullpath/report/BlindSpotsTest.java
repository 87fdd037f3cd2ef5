package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every format says once what pullpath cannot see, also (above all) when the report is clean. */
class BlindSpotsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theParagraphNamesWhatIsNotSeen() {
    assertThat(BlindSpots.PARAGRAPH).contains("service control policies", "resource control policies",
        "network ACLs", "DHCP option sets", "not proof");
  }

  @Test
  void textSaysItOnceBeforeTheSummaryLine() {
    String text = new TextRenderer().render(Fixtures.clean(), Fixtures.OPTIONS);
    assertThat(text.split(java.util.regex.Pattern.quote(BlindSpots.PARAGRAPH), -1)).hasSize(2);
    assertThat(text.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("no findings");
  }

  @Test
  void jsonCarriesItAsATopLevelField() throws Exception {
    JsonNode report = JSON.readTree(new JsonRenderer().render(Fixtures.clean(), Fixtures.OPTIONS));
    assertThat(report.path("notChecked").asText()).isEqualTo(BlindSpots.PARAGRAPH);
  }

  @Test
  void sarifCarriesItAsARunProperty() throws Exception {
    JsonNode log = JSON.readTree(new SarifRenderer().render(Fixtures.clean(), Fixtures.OPTIONS));
    assertThat(log.path("runs").get(0).path("properties").path("notChecked").asText()).isEqualTo(BlindSpots.PARAGRAPH);
  }

  @Test
  void htmlShowsItOnce() {
    String html = new HtmlRenderer().render(Fixtures.clean(), Fixtures.OPTIONS);
    assertThat(html.split("Not checked: pullpath cannot see", -1)).hasSize(2);
  }
}
