package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private final ReportWriter writer = new ReportWriter();

  @TempDir Path dir;

  @Test
  void createsMissingDirectories() throws IOException {
    Path target = dir.resolve("reports/nested/pullpath.sarif");

    writer.write(target, "{}\n");

    assertThat(target).hasContent("{}");
    assertThat(Files.readString(target)).isEqualTo("{}\n");
  }

  @Test
  void replacesAnExistingReportAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("pullpath.txt");
    Files.writeString(target, "old report, much longer than the new one\n");

    writer.write(target, "new\n");

    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(filesIn(dir)).containsExactly("pullpath.txt");
  }

  @Test
  void writesUtf8() throws IOException {
    Path target = dir.resolve("r.txt");

    writer.write(target, "vpc-0abc · ✓\n");

    assertThat(Files.readAllBytes(target)).isEqualTo("vpc-0abc · ✓\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFailureHalfwayLeavesNoPartialReport() throws IOException {
    Path target = dir.resolve("out/pullpath.html");

    assertThatThrownBy(() -> writer.write(target, out -> {
      out.write("<!DOCTYPE html><html><body>half of a report");
      out.flush();
      throw new IOException("disk full");
    })).isInstanceOf(ReportWriter.TargetException.class)
        .satisfies(e -> assertThat(((ReportWriter.TargetException) e).target()).isEqualTo(target))
        .hasRootCauseMessage("disk full");

    assertThat(target).doesNotExist();
    assertThat(filesIn(target.getParent())).isEmpty();
  }

  @Test
  void aFailureHalfwayKeepsThePreviousReport() throws IOException {
    Path target = dir.resolve("pullpath.json");
    Files.writeString(target, "{\"previous\":true}\n");

    assertThatThrownBy(() -> writer.write(target, out -> {
      out.write("{\"trunc");
      throw new IOException("renderer failed");
    })).isInstanceOf(IOException.class);

    assertThat(Files.readString(target)).isEqualTo("{\"previous\":true}\n");
    assertThat(filesIn(dir)).containsExactly("pullpath.json");
  }

  @Test
  void aFailedRenameCleansUpTheTemporaryFile() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectories(target.resolve("child"));

    assertThatThrownBy(() -> writer.write(target, "report\n")).isInstanceOf(IOException.class);

    assertThat(filesIn(dir)).containsExactly("taken");
    assertThat(target).isDirectory();
  }

  private static List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
