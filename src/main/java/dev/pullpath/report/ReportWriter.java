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
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // /dev/stdout, /dev/null, a named pipe: renaming over them would replace the device itself.
      try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
        body.writeTo(out);
      }
      return;
    }
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    // Same directory, so the final rename never crosses file systems. Not Files.createTempFile: its
    // owner-only permissions would stick to the report; CREATE_NEW gives the usual umask.
    Path temporary = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8))) {
        body.writeTo(out);
        out.flush();
        channel.force(true);
      }
      move(temporary, absolute);
    } finally {
      Files.deleteIfExists(temporary);
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
