package io.canopy.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.circuits.InputException;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.AmplitudesCsv;
import io.canopy.results.RandomCircuitState;
import io.canopy.results.XebSummary;
import io.canopy.results.run.RunData;
import io.canopy.results.sampling.TopKSelection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** A run.json as `canopy run` writes it (docs/formats.md), plus GPU energy per task. */
  private static final String RUN_JSON = """
      {"formatVersion": 1,
       "circuit": {"source": "grid 3x4, 12 cycles", "qubits": 12, "gates": 200, "moments": 49},
       "openQubits": [0, 1, 4, 5], "subspaces": 256,
       "backend": "nd4j-cpu", "precision": "complex64", "master": "local[2]",
       "plan": {"networkHash": "ab12", "source": "planned", "planningSeconds": 0.8,
                "log10Flops": 6.1, "log2MaxSize": 10, "numSlices": 8,
                "slicedLog10Flops": 6.4, "overhead": 2.0},
       "slices": {"total": 8, "perTask": 2, "tasks": 4, "meanSecondsPerSlice": 1.1375},
       "tasks": [
         {"task": 0, "subspace": 0, "fromSlice": 0, "toSlice": 2, "slices": 2, "seconds": 5.5,
          "executor": "1", "gpu": "0", "joules": 900},
         {"task": 1, "subspace": 0, "fromSlice": 2, "toSlice": 4, "slices": 2, "seconds": 1.2,
          "executor": "1", "gpu": "1", "joules": 310},
         {"task": 2, "subspace": 0, "fromSlice": 4, "toSlice": 6, "slices": 2, "seconds": 1.1,
          "executor": "1", "gpu": "0", "joules": 300},
         {"task": 3, "subspace": 0, "fromSlice": 6, "toSlice": 8, "slices": 2, "seconds": 1.3,
          "executor": "1", "gpu": "1", "joules": 320}],
       "timings": {"contractionSeconds": 7.0, "totalSeconds": 9.5},
       "verification": {"reference": "state vector", "amplitudes": 4096,
                        "maxRelativeError": 2.5e-6, "maxAbsoluteError": 1e-9, "seconds": 0.2}}
      """;

  @TempDir Path dir;

  /** The whole 12-qubit state, in subspaces of 2^4 (qubits 0, 1, 4, 5 open). */
  private void writeAmplitudes() throws IOException {
    RandomCircuitState state = RandomCircuitState.grid3x4(12, 3);
    List<Amplitude> rows = new ArrayList<>();
    for (int i = 0; i < state.dimension(); i++) rows.add(state.amplitude(i));
    AmplitudeTable table =
        new AmplitudeTable(rows, TopKSelection.subspacesByClosedBits(rows, new int[] {0, 1, 4, 5}));
    try (OutputStream out = Files.newOutputStream(dir.resolve("amplitudes.csv"))) {
      AmplitudesCsv.write(table, out);
    }
  }

  private static Document parseXml(Path html) throws Exception {
    // The page is written as well-formed XHTML, so an XML parser checks its structure.
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
  }

  /**
   * Counts the page's images after checking that each is a PNG carried in the page itself (a
   * data URI, nothing fetched) that decodes to a picture at least as large as it is shown.
   */
  private static int embeddedCharts(Document doc) throws IOException {
    NodeList images = doc.getElementsByTagName("img");
    String prefix = "data:image/png;base64,";
    for (int i = 0; i < images.getLength(); i++) {
      Element img = (Element) images.item(i);
      String src = img.getAttribute("src");
      assertTrue(src.startsWith(prefix), "image " + i + " is an inline PNG");
      BufferedImage png = ImageIO.read(
          new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(prefix.length()))));
      assertNotNull(png, "image " + i + " decodes");
      assertTrue(png.getWidth() >= Integer.parseInt(img.getAttribute("width")));
      assertTrue(png.getHeight() >= Integer.parseInt(img.getAttribute("height")));
      assertFalse(img.getAttribute("alt").isBlank(), "image " + i + " has a text alternative");
    }
    assertEquals(images.getLength(), doc.getElementsByTagName("figure").getLength());
    return images.getLength();
  }

  @Test
  void fullRunGivesEverySectionWithEmbeddedCharts() throws Exception {
    writeAmplitudes();
    Files.writeString(dir.resolve("run.json"), RUN_JSON);

    Path htmlFile = ReportWriter.writeInto(dir, 1);

    Document doc = parseXml(htmlFile);
    assertEquals(5, embeddedCharts(doc), "XEB, Porter-Thomas, per-task, throughput, energy");
    String html = Files.readString(htmlFile);
    assertFalse(html.contains("href="), "nothing is loaded from elsewhere");
    for (String text : List.of("grid 3x4, 12 cycles", "nd4j-cpu", "complex64", "local[2]",
        "0, 1, 4, 5", "slicedLog10Flops", "top-1", "Throughput over time", "Histogram of 2^n p",
        "maxRelativeError", "contractionSeconds")) {
      assertTrue(html.contains(text), text);
    }

    JsonNode json = MAPPER.readTree(dir.resolve("report.json").toFile());
    XebSummary xeb = XebSummary.of(RunData.load(dir), 1);
    assertEquals(xeb.linear().value(), json.at("/xeb/linear/value").doubleValue(), 0);
    assertEquals(xeb.linear().standardError(),
        json.at("/xeb/linear/standardError").doubleValue(), 0);
    assertEquals(256, json.at("/xeb/topK/subspaces").intValue());
    assertEquals(xeb.topK().orElseThrow().linear().value(),
        json.at("/xeb/topK/linear/value").doubleValue(), 0);
    assertEquals(30, json.at("/xeb/porterThomas/bins").size());
    assertEquals(6.4, json.at("/plan/slicedLog10Flops").doubleValue(), 0);
    assertEquals(2.5e-6, json.at("/verification/maxRelativeError").doubleValue(), 0);
    assertEquals(9.5, json.at("/timings/totalSeconds").doubleValue(), 0);
    assertEquals("local[2]", json.get("master").asText());
    assertEquals(4, json.get("openQubits").size());
    assertEquals("complex64", json.get("precision").asText());
    assertEquals(8, json.at("/tasks/slices").longValue());
    assertEquals(2, json.at("/tasks/devices").size());
    // GPU 0 runs 5.5 + 1.1 s, GPU 1 1.2 + 1.3 s alongside.
    assertEquals(6.6, json.at("/tasks/wallSeconds").doubleValue(), 1e-12);
    assertEquals(1830, json.at("/energy/joules").doubleValue(), 1e-9);
    assertEquals(1830 / 3.6e6, json.at("/energy/kWh").doubleValue(), 1e-15);
    assertEquals(1830 / 9.1, json.at("/energy/meanWatts").doubleValue(), 1e-9);
  }

  @Test
  void amplitudesAloneStillGiveAReport() throws Exception {
    Files.writeString(dir.resolve("amplitudes.csv"),
        "bitstring,real,imag\n0101,0.3,0.1\n1100,0.2,-0.4\n0011,0.05,0.1\n");

    ReportWriter.writeInto(dir, 1);

    Document doc = parseXml(dir.resolve("report.html"));
    assertEquals(2, embeddedCharts(doc), "XEB and Porter-Thomas");
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("No run.json"));
    assertTrue(html.contains("run.json records no tasks."));
    JsonNode json = MAPPER.readTree(dir.resolve("report.json").toFile());
    assertTrue(json.has("xeb"));
    assertTrue(json.at("/xeb/topK").isMissingNode());
    assertFalse(json.has("tasks"));
    assertFalse(json.has("energy"));
    assertFalse(json.has("plan"));
    assertFalse(json.has("verification"));
    assertFalse(json.has("master"));
  }

  @Test
  void singleRowAndPartialEnergy() throws Exception {
    AmplitudeTable one = new AmplitudeTable(List.of(new Amplitude("01", 0.5, 0.5)), null);
    String run = "{\"tasks\":[{\"slices\":1,\"seconds\":2,\"joules\":100},"
        + "{\"slices\":1,\"seconds\":2}]}";
    RunData data = RunData.of("remote-run", "hdfs://nn/runs/r1/amplitudes.csv", one,
        io.canopy.results.run.RunRecord.of(MAPPER.readTree(run), "hdfs://nn/runs/r1/run.json"));
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    ByteArrayOutputStream json = new ByteArrayOutputStream();

    ReportWriter.write(data, 1, html, json);

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.toByteArray()));
    assertEquals(2, embeddedCharts(doc), "per-task and throughput");
    String page = html.toString(StandardCharsets.UTF_8);
    assertTrue(page.contains("no XEB estimate"));
    assertTrue(page.contains("Only 1 of 2 tasks measured their energy"));
    JsonNode report = MAPPER.readTree(json.toByteArray());
    assertEquals("remote-run", report.get("run").asText());
    assertFalse(report.has("xeb"));
    assertFalse(report.has("energy"));
    assertEquals(2, report.at("/tasks/count").intValue());
  }

  @Test
  void badRunDirectories() throws IOException {
    assertThrows(InputException.class, () -> ReportWriter.writeInto(dir, 1));
    Files.writeString(dir.resolve("amplitudes.csv"), "bitstring,real,imag\n01,NaN,0\n");
    InputException nan = assertThrows(InputException.class, () -> ReportWriter.writeInto(dir, 1));
    assertEquals(2, nan.line());
    assertFalse(Files.exists(dir.resolve("report.html")), "no report from bad input");
  }
}
