package dev.pullpath.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A rule's long-form page, {@code rules/ID.md}, packaged into the jar by the build. */
public final class RuleDocs {
  private RuleDocs() {}

  public static Optional<String> markdown(String ruleId) {
    try (InputStream in = RuleDocs.class.getResourceAsStream("/dev/pullpath/rules/docs/" + ruleId + ".md")) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
