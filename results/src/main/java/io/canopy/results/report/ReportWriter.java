package io.canopy.results.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.canopy.circuits.InputException;
import io.canopy.results.run.RunData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's report: report.html (self-contained, charts as inline PNG images) and report.json
 * (the same numbers for programs). Content: circuit, backend and precision, the plan and its costs,
 * XEB (linear, log, top-k) with error bars, the Porter-Thomas histogram against e^-x, time per
 * slice and per task, throughput over time, energy; each part only when the run recorded it.
 */
public final class ReportWriter {
  public static final String HTML_FILE = "report.html";
  public static final String JSON_FILE = "report.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * Writes both reports of already-read data to the given streams (flushed, not closed), for
   * callers that hold the run elsewhere (HDFS).
   *
   * @param topK rows kept per subspace for top-k post-selection (1 in the usual setting)
   * @throws InputException if the amplitudes cannot be scored (e.g. a subspace smaller than k)
   */
  public static void write(RunData data, int topK, OutputStream html, OutputStream json) {
    Report report = Report.of(data, topK);
    try {
      html.write(HtmlReport.of(report).getBytes(StandardCharsets.UTF_8));
      html.flush();
      json.write(MAPPER.writeValueAsBytes(JsonReport.of(report)));
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the run directory (amplitudes.csv required, run.json optional) and writes report.html
   * and report.json into it.
   *
   * @return the path of report.html
   * @throws InputException if the directory has no amplitudes.csv or a file is malformed
   */
  public static Path writeInto(Path runDir, int topK) {
    RunData data = RunData.load(runDir);
    Path html = runDir.resolve(HTML_FILE);
    try (OutputStream h = Files.newOutputStream(html);
        OutputStream j = Files.newOutputStream(runDir.resolve(JSON_FILE))) {
      write(data, topK, h, j);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return html;
  }
}
