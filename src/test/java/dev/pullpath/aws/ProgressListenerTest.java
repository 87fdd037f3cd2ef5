package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

  @Test
  void shortScansStayQuiet() {
    StringWriter out = new StringWriter();
    ProgressListener listener = ProgressListener.after(Duration.ofHours(1), new PrintWriter(out));

    listener.onProgress("ECS: 3 services in 2 clusters");

    assertThat(out.toString()).isEmpty();
  }

  @Test
  void longScansShowWhatIsCollected() {
    StringWriter out = new StringWriter();
    ProgressListener listener = ProgressListener.after(Duration.ZERO, new PrintWriter(out));

    listener.onProgress("ECS: 3 services in 2 clusters");

    assertThat(out.toString()).isEqualTo("pullpath: ECS: 3 services in 2 clusters" + System.lineSeparator());
  }
}
