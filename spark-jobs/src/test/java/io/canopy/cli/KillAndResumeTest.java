package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
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
    // Slicing to 2^8 below the unsliced largest intermediate makes at least 2^8 slices.
    Path plan = tmp.resolve("plan.json");
    int largest = largestIntermediate(CliHarness.run("plan", "--circuit", CIRCUIT, "--trials", "4",
        "--threads", "1", "-o", plan.toString()));
    CliHarness.Outcome planned = CliHarness.run("plan", "--circuit", CIRCUIT, "--target-size-log2",
        String.valueOf(largest - 8), "--trials", "4", "--threads", "1", "-o", plan.toString());
    assertEquals(0, planned.exitCode(), planned.err());
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
        "--target-size-log2", String.valueOf(largest - 7), "--plan-trials", "2", "--master", "local[1]",
        "--slices-per-task", "4",
        "--out", killed.toString());
    assertEquals(CanopyCli.BAD_INPUT, otherPlan.exitCode(), otherPlan.err());
    assertTrue(otherPlan.err().contains("checkpoints of another run (plan differ"), otherPlan.err());
  }

  private static int largestIntermediate(CliHarness.Outcome planned) {
    assertEquals(0, planned.exitCode(), planned.err());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("log2 largest\\s+(\\d+)").matcher(planned.out());
    assertTrue(m.find(), planned.out());
    return Integer.parseInt(m.group(1));
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
