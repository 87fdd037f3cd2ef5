package dev.pullpath.cli;

import dev.pullpath.check.UnknownRuleException;
import dev.pullpath.snapshot.SnapshotFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "pullpath",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks that ECS tasks in private subnets can pull public images through ECR pull-through cache: VPC "
          + "endpoints, S3 gateway routes, security groups, endpoint policies, cache rules, image URIs and "
          + "execution-role permissions, each link a rule with a fix hint."
    },
    subcommands = {ScanCommand.class, ApplyCommand.class, MergeCommand.class, RulesCommand.class,
      CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage error or unreadable input",
      "3:AWS access error: credentials, or part of the account unreadable (PP000)",
      "4:internal error"
    },
    footer = {"", "Run 'pullpath scan --help' to start, 'pullpath rules' for the rules."})
public final class PullpathCli implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (scan, apply, merge or rules)");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code; tests call this directly. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, LiveAccess.AWS, Terminal.SYSTEM);
  }

  /** The test seam: a fake account and a scripted terminal instead of AWS and the console. */
  static int run(String[] args, PrintWriter out, PrintWriter err, LiveAccess live, Terminal terminal) {
    CommandLine cli = new CommandLine(new PullpathCli(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = CommandLine.defaultFactory().create(type);
        if (made instanceof ScanCommand scan) {
          scan.live = live;
          scan.terminal = terminal;
        } else if (made instanceof ApplyCommand apply) {
          apply.live = live;
        }
        return made;
      }
    });
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, arguments) -> {
      err.println("pullpath: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCode.USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("pullpath: " + userMessage(e));
      if (exitCodeOf(e) == ExitCode.INTERNAL && System.getenv("PULLPATH_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return exitCodeOf(e);
    });
    return cli.execute(args);
  }

  static int exitCodeOf(Exception e) {
    if (e instanceof UserInputException || e instanceof SnapshotFormatException || e instanceof UnknownRuleException) {
      return ExitCode.USAGE;
    }
    if (e instanceof dev.pullpath.aws.AwsAccessException) {
      return ExitCode.AWS_ACCESS;
    }
    return ExitCode.INTERNAL;
  }

  private static String userMessage(Exception e) {
    if (exitCodeOf(e) == ExitCode.INTERNAL) {
      return "internal error: " + e + " (set PULLPATH_DEBUG=1 for the stack trace; please report it)";
    }
    return e.getMessage();
  }
}
