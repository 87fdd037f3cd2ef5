package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RulesCommandTest {

  @Test
  void listsEveryRule() {
    CliRun run = CliRun.of("rules");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("PP000", "not-evaluated", "PP001", "ecr-api-endpoint", "PP011", "vpc-dns");
    assertThat(CliRun.of("rules", "PP000").out()).startsWith("# PP000 not-evaluated");
  }

  @Test
  void showsARulePage() {
    CliRun run = CliRun.of("rules", "pp006");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("# PP006").contains("starport");
  }

  @Test
  void unknownRuleIsAUsageError() {
    CliRun run = CliRun.of("rules", "PP999");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("pullpath: unknown rule id 'PP999'");
  }

  @Test
  void versionAndHelp() {
    assertThat(CliRun.of("--version").out()).startsWith("pullpath ");
    CliRun help = CliRun.of("scan", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--snapshot", "--format", "--fail-on", "Exit codes");
    CliRun bare = CliRun.of();
    assertThat(bare.exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
