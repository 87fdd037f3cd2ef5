package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.aws.LiveScanOptions;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class AwsOptionsTest {

  @Command(name = "scan")
  static final class Scan {
    @Mixin AwsOptions aws;
  }

  @Test
  void flagsBecomeLiveScanOptions() {
    Scan scan = new Scan();
    new CommandLine(scan).parseArgs("--region", "eu-west-1", "--profile", "audit", "--endpoint-url",
        "http://127.0.0.1:4566", "--role-arn", "arn:aws:iam::111122223333:role/scanner", "--cluster", "web,batch",
        "--service", "frontend", "--service", "api", "--vpc", "vpc-1", "--max-attempts", "5", "--concurrency", "4",
        "--quiet");

    LiveScanOptions options = scan.aws.toLiveScanOptions();

    assertThat(options).isEqualTo(new LiveScanOptions("eu-west-1", "audit", URI.create("http://127.0.0.1:4566"),
        "arn:aws:iam::111122223333:role/scanner", List.of("web", "batch"), List.of("frontend", "api"),
        List.of("vpc-1"), 5, 4));
    assertThat(scan.aws.quiet()).isTrue();
  }

  @Test
  void onlyTheRegionIsNeededToScanEverything() {
    Scan scan = new Scan();
    new CommandLine(scan).parseArgs("--region", "us-east-1");

    assertThat(scan.aws.toLiveScanOptions()).isEqualTo(LiveScanOptions.forRegion("us-east-1"));
  }
}
