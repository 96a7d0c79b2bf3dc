package io.canopy.results.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.XebSummary;
import io.canopy.results.projection.ProjectionResult;
import io.canopy.results.run.RunRecord;
import io.canopy.results.run.TaskRecord;
import io.canopy.results.run.TaskSummary;
import io.canopy.results.sampling.TopKSelection;
import io.canopy.results.stats.Histogram;
import io.canopy.results.stats.PorterThomasCheck;
import io.canopy.results.xeb.XebEstimate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * The human-readable report (report.html): one self-contained page, styles inline and charts
 * as PNG data URIs, readable offline. Sections whose data the run did not record say so instead of
 * disappearing, so a reader knows what was not measured.
 */
final class HtmlReport {
  /** More points than this in the per-task chart are thinned to every m-th task. */
  private static final int MAX_TASK_POINTS = 1000;
  /** Top-level run.json fields shown in the run table, as written. */
  static final List<String> RUN_FIELDS =
      List.of("backend", "precision", "master", "openQubits", "subspaces");
  /** Further run.json sections shown as tables of their fields (report.json copies them). */
  static final List<String> EXTRA_SECTIONS = List.of("slices", "timings", "verification");
  /** Arrays longer than this are summarized by their length. */
  private static final int MAX_LISTED = 64;

  private static final String STYLE = """
      body { font-family: sans-serif; max-width: 980px; margin: 2em auto; color: #222;
             line-height: 1.4; padding: 0 1em; }
      h1 { font-size: 1.6em; border-bottom: 2px solid #1f5fa8; padding-bottom: .2em; }
      h2 { font-size: 1.25em; margin-top: 1.6em; color: #1f5fa8; }
      table { border-collapse: collapse; margin: .6em 0; }
      th, td { border: 1px solid #ccc; padding: .25em .7em; text-align: left; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      th { background: #f0f3f8; }
      p.note { color: #666; font-style: italic; }
      figure { margin: 1em 0; }
      img { max-width: 100%; height: auto; }
      """;

  private final StringBuilder html = new StringBuilder();

  private HtmlReport() {}

  static String of(Report report) {
    return new HtmlReport().render(report);
  }

  private String render(Report report) {
    String name = escape(report.data().name());
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>Canopy report: ").append(name).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>Canopy run ").append(name).append("</h1>\n");
    runSection(report);
    planSection(report);
    xebSection(report);
    porterThomasSection(report);
    tasksSection(report);
    energySection(report);
    report.data().run().ifPresent(this::extraSections);
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private void runSection(Report report) {
    section("run", "Run");
    List<String[]> rows = new ArrayList<>();
    report.data().run().ifPresent(run -> {
      run.circuit().ifPresent(c -> addFields("circuit", c, rows));
      for (String field : RUN_FIELDS) run.section(field).ifPresent(v -> addFields(field, v, rows));
    });
    AmplitudeTable table = report.data().amplitudes();
    rows.add(row("amplitudes", report.data().amplitudesSource()));
    rows.add(row("rows", Integer.toString(table.size())));
    rows.add(row("qubits", Integer.toString(table.numQubits())));
    if (table.hasSubspaces()) {
      rows.add(row("subspaces", Integer.toString(TopKSelection.countSubspaces(table))));
    }
    table(new String[] {"field", "value"}, rows);
    if (report.data().run().isEmpty()) note("No run.json: circuit, backend and timings unknown.");
  }

  private void planSection(Report report) {
    section("plan", "Contraction plan");
    var plan = report.data().run().flatMap(RunRecord::plan);
    if (plan.isEmpty()) {
      note("run.json records no plan.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    addFields("", plan.get(), rows);
    table(new String[] {"statistic", "value"}, rows);
  }

  private void xebSection(Report report) {
    section("xeb", "Cross-entropy benchmarking");
    if (report.xeb().isEmpty()) {
      note("Fewer than two amplitude rows: no XEB estimate.");
      return;
    }
    XebSummary x = report.xeb().get();
    List<String[]> rows = new ArrayList<>();
    rows.add(estimateRow("linear XEB, all rows", x.linear(), "0 (uniform) / 1 (ideal)"));
    x.log().ifPresent(l -> rows.add(
        estimateRow("log XEB, all rows", l, "0 (uniform) / 1 (ideal)")));
    x.topK().ifPresent(t -> rows.add(estimateRow("linear XEB, top-" + t.k() + " of "
        + t.subspaces() + " subspaces", t.linear(), number(t.expected()) + " (Porter-Thomas)")));
    table(new String[] {"estimate", "value", "standard error", "bitstrings", "expected"}, rows);
    if (x.log().isEmpty()) note("Some rows have probability 0: no log XEB.");

    List<ReportCharts.Estimate> measured = new ArrayList<>();
    measured.add(chartEstimate("linear", x.linear()));
    x.log().ifPresent(l -> measured.add(chartEstimate("log", l)));
    ReportCharts.Estimate prediction = null;
    String predictionLegend = null;
    if (x.topK().isPresent()) {
      XebSummary.TopK t = x.topK().get();
      measured.add(chartEstimate("top-" + t.k() + " linear", t.linear()));
      predictionLegend = "top-" + t.k() + " prediction";
      prediction = new ReportCharts.Estimate(predictionLegend, t.expected(), 0);
    }
    figure(ReportCharts.xeb(measured, prediction, predictionLegend),
        "XEB estimates with standard errors against 0 (uniform) and 1 (ideal)");
  }

  private void porterThomasSection(Report report) {
    section("porter-thomas", "Porter-Thomas distribution");
    if (report.xeb().isEmpty()) {
      note("Fewer than two amplitude rows: no histogram.");
      return;
    }
    PorterThomasCheck check = report.xeb().get().porterThomas();
    Histogram h = check.histogram();
    double max = h.upperEdge(h.bins() - 1);
    html.append("<p>Scaled probabilities 2<sup>n</sup>p of all rows against the Porter-Thomas "
        + "density e<sup>-x</sup>, which bitstrings chosen uniformly (whole subspaces, random "
        + "bitstrings) follow for a random circuit. Kolmogorov-Smirnov distance ")
        .append(number(check.ksDistance())).append(" (1% critical value for independent rows ")
        .append(number(check.criticalDistance1Percent())).append("); ")
        .append(h.overflow()).append(" of ").append(h.total()).append(" rows above x = ")
        .append(number(max)).append(".</p>\n");
    figure(ReportCharts.porterThomas(h), "Histogram of 2^n p against the density e^-x");
  }

  private void tasksSection(Report report) {
    section("tasks", "Tasks and throughput");
    if (report.tasks().isEmpty()) {
      note("run.json records no tasks.");
      return;
    }
    TaskSummary t = report.tasks().get();
    table(new String[] {"tasks", "slices", "task seconds (summed)", "wall seconds", "seconds per slice"},
        List.<String[]>of(new String[] {Integer.toString(t.tasks().size()),
            Long.toString(t.slices()), number(t.seconds()), number(t.wallSeconds()),
            t.slices() > 0 ? number(t.seconds() / t.slices()) : "-"}));
    List<String[]> rows = new ArrayList<>();
    for (TaskSummary.DeviceTotals d : t.devices()) {
      rows.add(new String[] {d.device().isEmpty() ? "(not recorded)" : d.device(),
          Integer.toString(d.tasks()), Long.toString(d.slices()), number(d.seconds()),
          d.slices() > 0 ? number(d.seconds() / d.slices()) : "-",
          d.tasksWithJoules() == d.tasks() ? number(d.joules()) : "-"});
    }
    table(new String[] {"executor/GPU", "tasks", "slices", "seconds", "s/slice", "joules"}, rows);

    List<TaskRecord> tasks = t.tasks();
    int stride = Math.max(1, (tasks.size() + MAX_TASK_POINTS - 1) / MAX_TASK_POINTS);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i += stride) {
      if (tasks.get(i).slices() > 0) {
        points.add(new double[] {i, tasks.get(i).seconds() / tasks.get(i).slices()});
      }
    }
    double[] index = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] perSlice = points.stream().mapToDouble(p -> p[1]).toArray();
    figure(ReportCharts.scatter("Seconds per slice of each task"
        + (stride > 1 ? " (every " + stride + "th task)" : ""), "task (order in run.json)",
        "seconds per slice", index, perSlice), "Seconds per slice of each task");

    double[] rate = t.throughput();
    double window = t.wallSeconds() / rate.length;
    double[] left = new double[rate.length];
    double[] width = new double[rate.length];
    for (int w = 0; w < rate.length; w++) {
      left[w] = w * window;
      width[w] = window;
    }
    figure(ReportCharts.intervals("Throughput over time", "seconds since the first task",
        "slices per second", left, width, rate, ReportCharts.GREEN),
        "Slices per second over the run");
    if (!t.recordedStarts()) {
      note("Tasks carry no start times: the timeline places them back to back on their "
          + "executor/GPU in the order of run.json, which stretches it where an executor ran "
          + "tasks in parallel.");
    }
  }

  private void energySection(Report report) {
    section("energy", "Energy");
    if (!report.hasEnergy()) {
      int measured = report.tasks().map(TaskSummary::tasksWithJoules).orElse(0);
      note(measured == 0 ? "No task measured its energy."
          : "Only " + measured + " of " + report.tasks().orElseThrow().tasks().size()
              + " tasks measured their energy: not summarized.");
      return;
    }
    TaskSummary t = report.tasks().orElseThrow();
    table(new String[] {"joules", "kWh", "mean watts per GPU", "joules per slice"},
        List.<String[]>of(new String[] {number(t.joules()),
            number(t.joules() / ProjectionResult.JOULES_PER_KWH),
            t.seconds() > 0 ? number(t.joules() / t.seconds()) : "-",
            t.slices() > 0 ? number(t.joules() / t.slices()) : "-"}));
    List<TaskSummary.DeviceTotals> devices = t.devices();
    figure(ReportCharts.categoryBars("Energy per executor/GPU", "executor/GPU", "joules",
        devices.stream().map(d -> d.device().isEmpty() ? "(not recorded)" : d.device()).toList(),
        devices.stream().mapToDouble(TaskSummary.DeviceTotals::joules).toArray(),
        ReportCharts.ORANGE), "Joules used by each executor/GPU");
  }

  private void extraSections(RunRecord run) {
    for (String name : EXTRA_SECTIONS) {
      run.section(name).ifPresent(node -> {
        section(name, "Run record: " + name);
        List<String[]> rows = new ArrayList<>();
        addFields("", node, rows);
        table(new String[] {"field", "value"}, rows);
      });
    }
  }

  private void section(String id, String title) {
    html.append("<h2 id=\"").append(id).append("\">").append(escape(title))
        .append("</h2>\n");
  }

  private void note(String text) {
    html.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
  }

  /** The chart as an inline image; its text alternative starts with the chart's title. */
  private void figure(JFreeChart chart, String description) {
    String alt = chart.getTitle().getText() + ": " + description;
    html.append("<figure>\n").append(ReportCharts.img(chart, alt)).append("\n</figure>\n");
  }

  private void table(String[] header, List<String[]> rows) {
    html.append("<table>\n<tr>");
    for (String h : header) html.append("<th>").append(escape(h)).append("</th>");
    html.append("</tr>\n");
    for (String[] row : rows) {
      html.append("<tr>");
      for (String cell : row) {
        boolean numeric = cell.matches("[-+0-9.eE]+");
        html.append(numeric ? "<td class=\"num\">" : "<td>").append(escape(cell))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static String[] row(String field, String value) {
    return new String[] {field, value};
  }

  private static ReportCharts.Estimate chartEstimate(String name, XebEstimate e) {
    return new ReportCharts.Estimate(name, e.value(), e.standardError());
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String[] estimateRow(String name, XebEstimate e, String expected) {
    return new String[] {name, number(e.value()), number(e.standardError()),
        Integer.toString(e.samples()), expected};
  }

  /** Scalar fields of a JSON value as rows, nested objects flattened with dotted names. */
  private static void addFields(String prefix, JsonNode node, List<String[]> rows) {
    if (node.isValueNode()) {
      rows.add(row(prefix, node.isNumber() ? number(node.doubleValue()) : node.asText()));
      return;
    }
    if (node.isArray()) {
      boolean scalars = true;
      for (JsonNode element : node) scalars &= element.isValueNode();
      if (!scalars || node.size() > MAX_LISTED) {
        rows.add(row(prefix, node.size() + " entries"));
        return;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode element : node) {
        values.add(element.isNumber() ? number(element.doubleValue()) : element.asText());
      }
      rows.add(row(prefix, String.join(", ", values)));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      addFields(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
          field.getValue(), rows);
    }
  }

  /**
   * Whole numbers (slice and task counts) in full; others with six significant digits without
   * trailing zeros, in scientific notation when very small or large.
   */
  static String number(double value) {
    double magnitude = Math.abs(value);
    if (value == Math.rint(value) && magnitude < 1e15) return Long.toString((long) value);
    if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e15)) {
      return String.format(Locale.ROOT, "%.5e", value);
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
