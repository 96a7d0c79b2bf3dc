package io.canopy.results.report;
import io.canopy.results.*;
import io.canopy.results.sampling.TopKSelection;
import java.nio.file.*;
import java.util.*;
import java.io.*;
import org.junit.jupiter.api.Test;
class DemoTmpTest {
  @Test void demo() throws Exception {
    Path dir = Paths.get("/tmp/demo-run"); Files.createDirectories(dir);
    RandomCircuitState state = RandomCircuitState.grid3x4(12, 3);
    List<Amplitude> rows = new ArrayList<>();
    for (int i = 0; i < state.dimension(); i++) rows.add(state.amplitude(i));
    AmplitudeTable table = new AmplitudeTable(rows, TopKSelection.subspacesByClosedBits(rows, new int[] {0, 1, 4, 5}));
    try (OutputStream out = Files.newOutputStream(dir.resolve("amplitudes.csv"))) { AmplitudesCsv.write(table, out); }
    StringBuilder tasks = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 200; i++) tasks.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
      "{\"task\":%d,\"slices\":4,\"seconds\":%.3f,\"executor\":\"%d\",\"gpu\":\"%d\",\"joules\":%.1f}", i, (i < 8 ? 9 : 2) + r.nextDouble(), i % 4, i % 2, 250 * 2.5));
    Files.writeString(dir.resolve("run.json"), "{\"circuit\":{\"name\":\"grid 3x4 m12\",\"numQubits\":12},\"backend\":\"nd4j-cpu\",\"precision\":\"complex64\",\"plan\":{\"stats\":{\"log10Flops\":6.1,\"log2MaxSize\":10,\"numSlices\":800,\"slicedLog10Flops\":6.4,\"overhead\":2.0}},\"tasks\":[" + tasks + "]}");
    ReportWriter.writeInto(dir, 1);
  }
}
