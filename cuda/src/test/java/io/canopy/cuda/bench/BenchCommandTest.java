package io.canopy.cuda.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.Plan;
import io.canopy.planner.io.PlanFile;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
  private static final String CIRCUIT = "circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim";

  /** A file of the repository, from the module folder (Maven) or the repository root (bundle). */
  private static Path repositoryFile(String relative) {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) return dir.resolve(relative);
    }
    throw new IllegalStateException(relative + " not found");
  }

  @Test
  void planOnlyWritesAPlanWithinTheTargetSize(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    int code = BenchCommand.commandLine().execute("--plan-only", "--circuit", repositoryFile(CIRCUIT).toString(),
        "--plan", plan.toString(), "--target-log2-size", "8", "--plan-seconds", "2", "--plan-threads", "1");
    assertEquals(0, code);
    try (InputStream in = Files.newInputStream(plan)) {
      Plan p = PlanFile.read(in, plan.toString());
      assertTrue(p.stats().log2MaxSize() <= 8, "largest intermediate 2^" + p.stats().log2MaxSize());
      assertTrue(p.numSlices() > 1);
    }
  }

  @Test
  void rejectsAnotherBackendInOneLine(@TempDir Path dir) {
    String err = failing("--backend", "cpu", "--circuit", repositoryFile(CIRCUIT).toString(),
        "--plan", dir.resolve("p.json").toString());
    assertTrue(err.contains("bench times the GPU backend only"), "stderr: [" + err + "]");
  }

  @Test
  void rejectsAnUnknownFusionBeforeReadingAnything(@TempDir Path dir) {
    String err = failing("--fuse-small-operands", "all", "--circuit", repositoryFile(CIRCUIT).toString(),
        "--plan", dir.resolve("missing.json").toString());
    assertTrue(err.contains("--fuse-small-operands all: expected auto, off or a number"), "stderr: [" + err + "]");
    assertEquals(1, err.strip().lines().filter(l -> l.contains("--fuse-small-operands all")).count(), err);
  }

  /** Runs the command expecting a failure; returns what it printed on stderr. */
  private static String failing(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = BenchCommand.commandLine();
    PrintWriter writer = new PrintWriter(err);
    cl.setErr(writer);
    int code = cl.execute(args);
    writer.flush();
    assertTrue(code != 0, "exit code " + code + ", stderr: [" + err + "]");
    return err.toString();
  }
}
