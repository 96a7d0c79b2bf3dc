package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.CircuitFiles;
import io.canopy.contractor.NetworkProblems;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.io.PlanFile;
import io.canopy.spark.SubspaceNetworks;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code canopy run} process (SIGKILL) after some slice ranges finished, reruns the
 * same command, and expects only the missing ranges to be computed and amplitudes.csv identical
 * byte for byte to an uninterrupted run's.
 */
class KillAndResumeTest {
  private static final String CIRCUIT = "../circuits/data/sycamore/small_pEFGH/circuit_n14_m14_s0_e0_pEFGH.qsim";

  @TempDir Path tmp;

  @Test
  void killedRunResumesToIdenticalAmplitudes() throws Exception {
    Path plan = tmp.resolve("plan.json");
    writePlanWithSlices(plan, 8);
    String[] run = {"run", "--circuit", CIRCUIT, "--random", "1", "--seed", "3", "--plan", plan.toString(),
        "--master", "local[1]", "--slices-per-task", "4"};

    Path killed = tmp.resolve("killed");
    Process p = startCli(run, killed);
    Path checkpoints = killed.resolve("checkpoints");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (countCheckpoints(checkpoints) < 3 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.destroyForcibly().waitFor();
    assertFalse(Files.exists(killed.resolve("run.json")), "the run finished before it could be killed");
    int before = countCheckpoints(checkpoints);
    assertTrue(before >= 3, "no slice range finished before the kill");

    CliHarness.Outcome resumed = CliHarness.run(with(run, killed));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("resumed " + before), resumed.err());

    Path clean = tmp.resolve("clean");
    CliHarness.Outcome uninterrupted = CliHarness.run(with(run, clean));
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
    assertEquals(Files.readString(clean.resolve("amplitudes.csv")), Files.readString(killed.resolve("amplitudes.csv")));

    CliHarness.Outcome otherPlan = CliHarness.run("run", "--circuit", CIRCUIT, "--random", "1", "--seed", "3",
        "--plan-trials", "2", "--master", "local[1]", "--slices-per-task", "4",
        "--out", killed.toString());
    assertEquals(CanopyCli.BAD_INPUT, otherPlan.exitCode(), otherPlan.err());
    assertTrue(otherPlan.err().contains("checkpoints of another run (plan differ"), otherPlan.err());
  }

  /**
   * A plan of the circuit's amplitude network with exactly {@code log2Slices} sliced indices
   * (indices of the largest intermediate, up to 2^log2Slices slices in all), so the run has 2^log2Slices slices whatever the
   * planner's own slicing would choose.
   */
  private static void writePlanWithSlices(Path file, int log2Slices) throws IOException {
    Circuit c = CircuitFiles.read(Path.of(CIRCUIT));
    ContractionProblem problem = NetworkProblems.of(SubspaceNetworks.build(c, "0".repeat(c.numQubits()), new int[0]));
    ContractionTree tree = Planner.plan(problem, PlannerOptions.builder().trials(4).threads(1).seed(1).build(),
        PlanProgress.NONE).tree();
    int largest = tree.root();
    for (int node = 0; node < tree.numNodes(); node++) {
      if (tree.log2Size(node) > tree.log2Size(largest)) largest = node;
    }
    java.util.List<Integer> sliced = new java.util.ArrayList<>();
    int log2 = 0;
    for (int ix : tree.indices(largest)) {
      if (log2 >= log2Slices) break;
      sliced.add(ix);
      log2 += problem.log2Size(ix);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      PlanFile.write(new Plan(tree.withSliced(sliced.stream().mapToInt(Integer::intValue).toArray())), out);
    }
  }

  private static String[] with(String[] args, Path out) {
    List<String> l = new ArrayList<>(List.of(args));
    l.add("--out");
    l.add(out.toString());
    return l.toArray(new String[0]);
  }

  private static Process startCli(String[] args, Path out) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-Xmx")) cmd.add(a);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CanopyCli.class.getName());
    cmd.addAll(List.of(with(args, out)));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(new File(out.getParent().toFile(), "killed-run.log")).start();
  }

  private static int countCheckpoints(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(f -> f.getFileName().toString().endsWith(".ckpt")).count();
    }
  }
}
