package dev.pullpath.check;

import java.util.Objects;

/**
 * Where a value is spelled in a file the user wrote (a planned task definition), so reports can point at
 * the line that caused a finding. Lines and columns are 1-based; columns count UTF-16 code units, as
 * SARIF's {@code columnKind: utf16CodeUnits} does. The end is exclusive.
 *
 * @param file the file as the user named it, relative to the working directory when inside it
 * @param address the resource as infrastructure code names it when the file is generated from that code
 *     (a Terraform plan's {@code aws_ecs_task_definition.app}), so a reader finds what to edit; else {@code null}
 */
public record SourcePosition(String file, int line, int column, int endLine, int endColumn, String address) {
  public SourcePosition(String file, int line, int column, int endLine, int endColumn) {
    this(file, line, column, endLine, endColumn, null);
  }

  public SourcePosition {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1 || endLine < line || (endLine == line && endColumn < column)) {
      throw new IllegalArgumentException("not a source span: " + line + ":" + column + "-" + endLine + ":" + endColumn);
    }
  }

  /** {@code file:line:column}, as compilers print it, followed by the resource address when there is one. */
  public String display() {
    return file + ":" + line + ":" + column + (address == null ? "" : " (" + address + ")");
  }

  /** The same span, naming the resource of infrastructure code it belongs to. */
  public SourcePosition of(String resourceAddress) {
    return new SourcePosition(file, line, column, endLine, endColumn, resourceAddress);
  }
}
