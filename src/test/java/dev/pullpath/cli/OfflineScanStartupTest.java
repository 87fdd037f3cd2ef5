package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An offline scan must not set up (or even load) the AWS SDK: that keeps it fast and proves it cannot
 * reach AWS. Checked in a fresh JVM with class-loading logged, since the test JVM has loaded everything.
 */
class OfflineScanStartupTest {

  @Test
  void offlineScanLoadsNoAwsSdkClass() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
        PullpathCli.class.getName(), "scan", "--snapshot", "examples/seed-broken.json", "--format", "sarif",
        "--output", File.createTempFile("pullpath", ".sarif").toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isEqualTo(ExitCode.FINDINGS);
    assertThat(log).contains("dev.pullpath.rules.S3GatewayRouteRule");
    assertThat(log.lines().filter(l -> l.contains("software.amazon.awssdk")).toList()).isEmpty();
  }
}
