package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.contractor.Precision;
import io.canopy.store.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance and resumption on Spark local[2,3] (two threads, up to three attempts per task):
 * injected task failures, lost and corrupted checkpoints all end in amplitudes bitwise identical
 * to an undisturbed run.
 */
class ResumeAndRetryTest {
  private static JavaSparkContext sc;
  private static final Circuit CIRCUIT = new RandomCircuitGenerator(Layouts.parse("grid:3x4")).generate(10, 21);
  private static final List<String> BITS = Bitstrings.random(12, 3, 4);
  private static final AmplitudeTask TASK = TestRuns.slicedTask(CIRCUIT, BITS, new int[] {2}, 16, Precision.COMPLEX128, 5);
  private static AmplitudeRun.Outcome reference;

  @TempDir Path tmp;

  @BeforeAll
  static void startSpark() throws IOException {
    sc = SparkContexts.create("canopy-resume-test", "local[2,3]", Map.of());
    reference = AmplitudeRun.execute(sc, TASK, 2, null, 0, ProgressPrinter.silent());
  }

  @AfterAll
  static void stopSpark() {
    sc.close();
  }

  private Checkpoints checkpoints(String fingerprint) {
    return new Checkpoints(new Storage(), new Storage().resolve(tmp.resolve("ckpt").toString()), fingerprint);
  }

  @Test
  void injectedTaskFailuresAreRetriedWithIdenticalResult() throws IOException {
    AmplitudeRun.Outcome failing = AmplitudeRun.execute(sc, TASK, 2, null, 0.5, ProgressPrinter.silent());
    TestRuns.assertBitwiseEqual(reference.amplitudes(), failing.amplitudes());
  }

  @Test
  void resumeComputesOnlyMissingRangesAndRecomputesCorruptedOnes() throws IOException {
    Checkpoints ckpt = checkpoints("run-1");
    AmplitudeRun.Outcome first = AmplitudeRun.execute(sc, TASK, 2, ckpt, 0, ProgressPrinter.silent());
    TestRuns.assertBitwiseEqual(reference.amplitudes(), first.amplitudes());
    int ranges = first.partials().size();
    List<Path> files;
    try (Stream<Path> s = Files.list(tmp.resolve("ckpt"))) {
      files = s.filter(p -> p.toString().endsWith(".ckpt")).sorted().toList();
    }
    assertEquals(ranges, files.size(), "one checkpoint per slice range");

    Files.delete(files.get(0));
    Files.delete(files.get(3));
    byte[] bytes = Files.readAllBytes(files.get(5));
    bytes[40] ^= 0x01;
    Files.write(files.get(5), bytes);

    AmplitudeRun.Outcome resumed = AmplitudeRun.execute(sc, TASK, 2, ckpt, 0, ProgressPrinter.silent());
    assertEquals(ranges - 3, resumed.resumedRanges());
    assertEquals(1, resumed.discarded().size());
    TestRuns.assertBitwiseEqual(reference.amplitudes(), resumed.amplitudes());
  }

  @Test
  void checkpointsOfAnotherRunAreNeverSummed() throws IOException {
    AmplitudeRun.execute(sc, TASK, 2, checkpoints("run-1"), 0, ProgressPrinter.silent());
    AmplitudeRun.Outcome other = AmplitudeRun.execute(sc, TASK, 2, checkpoints("run-2"), 0, ProgressPrinter.silent());
    assertEquals(0, other.resumedRanges());
    assertTrue(other.discarded().size() > 0);
    TestRuns.assertBitwiseEqual(reference.amplitudes(), other.amplitudes());
  }
}
