package dev.pullpath.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a report file atomically: the text goes to a temporary file beside the target, is flushed to
 * disk, and is then renamed over the target. Readers (a CI upload step, a browser) see the old report or
 * the new one, never half of one, and a run that fails mid-write leaves nothing behind.
 */
public final class ReportWriter {

  /** Writes a report's text to an open writer; may fail part-way, which is what the atomicity is for. */
  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code text} to {@code target} as UTF-8, creating missing parent directories. */
  public void write(Path target, String text) throws IOException {
    write(target, out -> out.write(text));
  }

  /** Writes what {@code body} produces to {@code target} as UTF-8, creating missing parent directories. */
  public void write(Path target, Body body) throws IOException {
    Map<Path, Body> one = new LinkedHashMap<>();
    one.put(target, body);
    writeAllBodies(one);
  }

  /**
   * Writes several files as one: every text is staged beside its target first, and only when all are
   * staged are they renamed into place. A failure while staging (a missing permission, a full disk, a
   * path through a file) leaves every target as it was.
   *
   * @param files target to text, written in this order
   */
  public void writeAll(Map<Path, String> files) throws IOException {
    Map<Path, Body> bodies = new LinkedHashMap<>();
    files.forEach((target, text) -> bodies.put(target, out -> out.write(text)));
    writeAllBodies(bodies);
  }

  /** A failure to write one target, naming the target the caller asked for rather than a temporary file. */
  public static final class TargetException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path target;

    TargetException(Path target, IOException cause) {
      super(target + ": " + cause.getMessage(), cause);
      this.target = target;
    }

    public Path target() {
      return target;
    }

    /** The underlying failure, e.g. {@link java.nio.file.AccessDeniedException}. */
    public IOException reason() {
      return (IOException) getCause();
    }
  }

  private void writeAllBodies(Map<Path, Body> files) throws IOException {
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, Body> file : files.entrySet()) {
        if (!isDevice(file.getKey())) {
          try {
            stage(file.getKey(), file.getValue(), staged);
          } catch (IOException e) {
            throw new TargetException(file.getKey(), e);
          }
        }
      }
      for (Map.Entry<Path, Body> file : files.entrySet()) {
        Path temporary = staged.get(file.getKey());
        if (temporary != null) {
          move(temporary, file.getKey().toAbsolutePath());
        } else {
          // /dev/stdout, /dev/null, a named pipe: renaming over them would replace the device itself.
          try (Writer out = Files.newBufferedWriter(file.getKey(), StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            file.getValue().writeTo(out);
          }
        }
      }
    } finally {
      for (Path temporary : staged.values()) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  private static boolean isDevice(Path target) {
    return Files.exists(target) && !Files.isRegularFile(target);
  }

  /**
   * Writes {@code body} to a new temporary file beside {@code target}, registered in {@code staged} as soon
   * as it exists, so that a failure part-way still gets it deleted.
   */
  private static void stage(Path target, Body body, Map<Path, Path> staged) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    // Same directory, so the final rename never crosses file systems. Not Files.createTempFile: its
    // owner-only permissions would stick to the report; CREATE_NEW gives the usual umask.
    Path temporary = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    staged.put(target, temporary);
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8))) {
      body.writeTo(out);
      out.flush();
      channel.force(true);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // A file system without atomic rename: still a rename within one directory, the best it offers.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
