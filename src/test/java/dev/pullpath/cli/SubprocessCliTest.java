package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a fresh JVM shows: which classes an offline scan loads, and everything a process prints on
 * its real standard streams (libraries that write to System.err directly included).
 */
class SubprocessCliTest {

  /** A finished pullpath process. */
  private record Result(int exitCode, String out, String err) {}

  private static Result pullpath(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An offline scan must not set up, or even load, the AWS SDK: fast, and provably unable to reach AWS. */
  @Test
  void offlineScanLoadsNoAwsSdkClass() throws Exception {
    Result run = pullpath(Map.of(), "-verbose:class", PullpathCli.class.getName(), "scan", "--snapshot",
        "examples/seed-broken.json", "--format", "sarif", "--output",
        File.createTempFile("pullpath", ".sarif").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("dev.pullpath.rules.S3GatewayRouteRule");
    assertThat(run.out().lines().filter(l -> l.contains("software.amazon.awssdk")).toList()).isEmpty();
  }

  /** A live scan without credentials says so in one line on stderr: no logging noise, no stack trace. */
  @Test
  void liveScanWithoutCredentialsPrintsOneLine(@TempDir Path home) throws Exception {
    Path empty = Files.createFile(home.resolve("empty"));
    Result run = pullpath(
        Map.of("AWS_SHARED_CREDENTIALS_FILE", empty.toString(), "AWS_CONFIG_FILE", empty.toString(),
            "AWS_EC2_METADATA_DISABLED", "true"),
        PullpathCli.class.getName(), "scan", "--region", "eu-west-1", "--profile", "nobody",
        "--endpoint-url", "http://127.0.0.1:9");

    assertThat(run.exitCode()).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).startsWith("pullpath: no AWS credentials for profile 'nobody'");
    assertThat(run.out()).isEmpty();
  }
}
