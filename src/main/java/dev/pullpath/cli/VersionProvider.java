package dev.pullpath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar, so {@code --version} and reports never disagree with the build. */
public final class VersionProvider implements IVersionProvider {
  private static final String VERSION = load();

  public static String version() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pullpath " + VERSION};
  }

  private static String load() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/pullpath/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
