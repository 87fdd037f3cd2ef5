package dev.pullpath.report;

import dev.pullpath.check.ScanResult;

/**
 * Turns a scan result into the text of one report format.
 *
 * <p>Renderers are pure: the same result and options give the same text, byte for byte, with no
 * timestamps, random ids or platform line separators, because committed sample reports are compared
 * with freshly generated ones. Findings appear in {@link ScanResult#findings()} order, which is
 * already the stable report order.
 */
public interface Renderer {
  /** The tool's name as every report shows it. */
  String TOOL_NAME = "pullpath";

  String render(ScanResult result, ReportOptions options);
}
