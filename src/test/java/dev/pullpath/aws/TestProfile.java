package dev.pullpath.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The named profile {@code pullpath-test} in a temporary credentials file, for tests that run the CLI's own
 * credential chain against the stub. The SDK reads these system properties before the environment, so no
 * test falls through to a real profile or to instance metadata.
 */
final class TestProfile {
  static final String NAME = "pullpath-test";

  private TestProfile() {}

  static void install(Path home) throws IOException {
    Path credentials = home.resolve("credentials");
    Files.writeString(credentials, "[" + NAME + "]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
    Files.writeString(home.resolve("config"), "");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", home.resolve("config").toString());
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  static void remove() {
    System.clearProperty("aws.sharedCredentialsFile");
    System.clearProperty("aws.configFile");
    System.clearProperty("aws.disableEc2Metadata");
  }
}
