package dev.pullpath.report;

import dev.pullpath.check.ScanResult;
import java.util.List;

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

  /** The report of one account/region pair; {@code options.sourceText()} is its snapshot text. */
  String render(ScanResult result, ReportOptions options);

  /**
   * The report of several account/region pairs (an estate scan, or merged shards): a per-pair summary
   * first, then each pair. One pair gives exactly {@link #render(ScanResult, ReportOptions)}'s text.
   */
  default String render(List<ScanReport> scans, ReportOptions options) {
    if (scans.size() == 1) {
      return render(scans.get(0).result(), options.withSource(scans.get(0).sourceText(), scans.get(0).sourceFile()));
    }
    return renderEstate(scans, options);
  }

  /** Several pairs, at least two. */
  String renderEstate(List<ScanReport> scans, ReportOptions options);
}
