package io.canopy.results.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.projection.ProjectionResult;
import io.canopy.results.run.RunRecord;
import io.canopy.results.run.TaskSummary;
import io.canopy.results.sampling.TopKSelection;

/** The machine-readable report (report.json): the numbers of the HTML report, no prose. */
final class JsonReport {
  static final int FORMAT_VERSION = 1;

  private JsonReport() {}

  static ObjectNode of(Report report) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("run", report.data().name());
    root.set("amplitudes", amplitudes(report.data().amplitudesSource(),
        report.data().amplitudes()));
    report.data().run().ifPresent(run -> copyRunFields(run, root));
    report.xeb().ifPresent(x -> root.set("xeb", x.toJson()));
    report.tasks().ifPresent(t -> root.set("tasks", tasks(t)));
    if (report.hasEnergy()) root.set("energy", energy(report.tasks().orElseThrow()));
    return root;
  }

  private static ObjectNode amplitudes(String source, AmplitudeTable table) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("source", source);
    o.put("rows", table.size());
    o.put("numQubits", table.numQubits());
    if (table.hasSubspaces()) o.put("subspaces", TopKSelection.countSubspaces(table));
    return o;
  }

  private static void copyRunFields(RunRecord run, ObjectNode root) {
    run.circuit().ifPresent(c -> root.set("circuit", c.deepCopy()));
    for (String name : HtmlReport.RUN_FIELDS) {
      run.section(name).ifPresent(s -> root.set(name, s.deepCopy()));
    }
    run.plan().ifPresent(s -> root.set("plan", s.deepCopy()));
    for (String name : HtmlReport.EXTRA_SECTIONS) {
      run.section(name).ifPresent(s -> root.set(name, s.deepCopy()));
    }
  }

  private static ObjectNode tasks(TaskSummary t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("count", t.tasks().size());
    o.put("slices", t.slices());
    o.put("taskSeconds", t.seconds());
    o.put("wallSeconds", t.wallSeconds());
    if (t.slices() > 0) o.put("secondsPerSlice", t.seconds() / t.slices());
    ArrayNode devices = o.putArray("devices");
    for (TaskSummary.DeviceTotals d : t.devices()) {
      ObjectNode device = devices.addObject();
      device.put("device", d.device());
      device.put("tasks", d.tasks());
      device.put("slices", d.slices());
      device.put("seconds", d.seconds());
      if (d.tasksWithJoules() == d.tasks()) device.put("joules", d.joules());
    }
    ObjectNode throughput = o.putObject("throughput");
    throughput.put("timeline", t.recordedStarts() ? "recorded" : "back to back per device");
    throughput.put("windowSeconds", t.wallSeconds() / TaskSummary.WINDOWS);
    ArrayNode rates = throughput.putArray("slicesPerSecond");
    for (double r : t.throughput()) rates.add(r);
    return o;
  }

  private static JsonNode energy(TaskSummary t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("joules", t.joules());
    o.put("kWh", t.joules() / ProjectionResult.JOULES_PER_KWH);
    if (t.seconds() > 0) o.put("meanWatts", t.joules() / t.seconds());
    if (t.slices() > 0) o.put("joulesPerSlice", t.joules() / t.slices());
    return o;
  }
}
