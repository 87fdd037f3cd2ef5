package dev.pullpath.cli;

import dev.pullpath.aws.LiveScanOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads and checks --accounts, --regions and --assume-role-name, before any AWS call. */
final class EstateArgs {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private EstateArgs() {}

  static void validate(LiveScanOptions options, List<String> regions, String accounts, String roleName) {
    if (!regions.isEmpty() && options.region() != null) {
      throw new UserInputException("give --region for one region or --regions for several, not both");
    }
    boolean all = regions.stream().anyMatch(r -> "all".equalsIgnoreCase(r.strip()));
    if (all && regions.size() > 1) {
      throw new UserInputException("--regions all stands alone: it scans every region enabled for the account");
    }
    for (String region : regions) {
      if (!all && !REGION.matcher(region.strip()).matches()) {
        throw new UserInputException("--regions: '" + region + "' is not a region name such as eu-west-1");
      }
    }
    if (accounts != null && (roleName == null || roleName.isBlank())) {
      throw new UserInputException("--accounts needs --assume-role-name: the role pullpath assumes in each account");
    }
    if (accounts == null && roleName != null) {
      throw new UserInputException("--assume-role-name is for --accounts; for one role give --role-arn");
    }
    if (accounts != null && options.roleArn() != null) {
      throw new UserInputException("--role-arn enters one account; with --accounts give --assume-role-name");
    }
    if (accounts != null && !"organization".equals(accounts)) {
      accounts(accounts, List::of);
    }
  }

  /**
   * The account ids of --accounts: a comma-separated list, a file with one id per line ({@code #}
   * comments, blank lines), or {@code organization}; empty when --accounts is not given.
   */
  static List<String> accounts(String value, Supplier<List<String>> organization) {
    if (value == null) {
      return List.of();
    }
    if ("organization".equals(value)) {
      List<String> listed = organization.get();
      if (listed.isEmpty()) {
        throw new UserInputException("--accounts organization: the organization lists no ACTIVE account");
      }
      return listed;
    }
    List<String> ids = new ArrayList<>();
    Path file = Path.of(value);
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String id = line.replaceFirst("#.*", "").strip();
          if (!id.isEmpty()) {
            ids.add(id);
          }
        }
      } catch (IOException e) {
        throw new UserInputException("--accounts: cannot read " + file + ": " + ReportArgs.describe(e));
      }
    } else {
      for (String id : value.split(",")) {
        ids.add(id.strip());
      }
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String id : ids) {
      if (!ACCOUNT_ID.matcher(id).matches()) {
        throw new UserInputException("--accounts: '" + id + "' is not a 12-digit account id (nor a file, nor "
            + "'organization')");
      }
      unique.add(id);
    }
    if (unique.isEmpty()) {
      throw new UserInputException("--accounts: no account id in '" + value + "'");
    }
    return List.copyOf(unique);
  }
}
