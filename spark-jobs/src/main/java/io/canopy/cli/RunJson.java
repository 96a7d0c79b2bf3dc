package io.canopy.cli;

import io.canopy.contractor.Precision;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanStats;
import io.canopy.spark.AmplitudeRun;
import io.canopy.spark.PartialSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of run.json: what was computed (circuit, subspaces, plan hash), how (backend,
 * precision, master, slices per task) and what it cost (per-task and total timings). Field names
 * are part of the run directory format (docs/formats.md).
 */
final class RunJson {
  static final int FORMAT_VERSION = 1;

  private final Map<String, Object> root = new LinkedHashMap<>();

  RunJson(CircuitInput.Named circuit, Plan plan, Planning.Planned planned, String backend,
      Precision precision, String master, int[] openQubits, int subspaces) {
    root.put("formatVersion", FORMAT_VERSION);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("source", circuit.name());
    c.put("qubits", circuit.circuit().numQubits());
    c.put("gates", circuit.circuit().gates().size());
    c.put("moments", circuit.circuit().depth());
    root.put("circuit", c);
    root.put("openQubits", Arrays.stream(openQubits).boxed().toList());
    root.put("subspaces", subspaces);
    root.put("backend", backend);
    root.put("precision", precision.label());
    root.put("master", master);
    PlanStats s = plan.stats();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("networkHash", plan.networkHash());
    p.put("source", planned.source());
    p.put("planningSeconds", planned.seconds());
    p.put("log10Flops", s.log10Flops());
    p.put("log2MaxSize", s.log2MaxSize());
    p.put("numSlices", plan.numSlices());
    p.put("slicedLog10Flops", s.slicedLog10Flops());
    p.put("overhead", s.overhead());
    if (!plan.origin().isEmpty()) p.put("planner", plan.origin());
    root.put("plan", p);
  }

  void contraction(AmplitudeRun.Outcome outcome, long slicesPerTask, double seconds) {
    List<PartialSum> partials = outcome.partials();
    List<Map<String, Object>> tasks = new ArrayList<>();
    long slices = 0;
    double taskSeconds = 0;
    double joules = 0;
    long firstStart = partials.stream().mapToLong(PartialSum::startMillis).min().orElse(0);
    for (int i = 0; i < partials.size(); i++) {
      PartialSum ps = partials.get(i);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("task", i);
      t.put("subspace", ps.item().subspace());
      t.put("fromSlice", ps.item().fromSlice());
      t.put("toSlice", ps.item().toSlice());
      t.put("slices", ps.item().slices());
      t.put("seconds", ps.seconds());
      t.put("executor", ps.executor());
      t.put("start", (ps.startMillis() - firstStart) / 1e3);
      if (!ps.gpu().isEmpty()) t.put("gpu", ps.gpu());
      if (!Double.isNaN(ps.joules())) {
        t.put("joules", ps.joules());
        joules += ps.joules();
      }
      tasks.add(t);
      slices += ps.item().slices();
      taskSeconds += ps.seconds();
    }
    Map<String, Object> sl = new LinkedHashMap<>();
    sl.put("total", slices);
    sl.put("perTask", slicesPerTask);
    sl.put("tasks", partials.size());
    sl.put("resumedRanges", outcome.resumedRanges());
    sl.put("discardedCheckpoints", outcome.discarded().size());
    sl.put("meanSecondsPerSlice", slices == 0 ? 0 : taskSeconds / slices);
    root.put("slices", sl);
    timings().put("contractionSeconds", seconds);
    if (joules > 0) {
      Map<String, Object> energy = new LinkedHashMap<>();
      energy.put("joules", joules);
      energy.put("kWh", joules / 3.6e6);
      energy.put("measured", "GPU board power (nvidia-smi power.draw), integrated over each task");
      root.put("energy", energy);
    }
    root.put("tasks", tasks);
  }

  void verification(Map<String, Object> check) {
    root.put("verification", check);
  }

  void totalSeconds(double seconds) {
    timings().put("totalSeconds", seconds);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> timings() {
    return (Map<String, Object>) root.computeIfAbsent("timings", k -> new LinkedHashMap<String, Object>());
  }

  Map<String, Object> asMap() {
    return root;
  }
}
