package io.canopy.results.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {

  private static RunRecord read(String json) {
    return RunRecord.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "run.json");
  }

  @Test
  void readsTheFieldsItUses() {
    RunRecord r = read("{\"circuit\":{\"source\":\"c.qsim\",\"qubits\":53},\"backend\":\"cuda\","
        + "\"precision\":\"complex-half\",\"plan\":{\"numSlices\":64},\"timings\":{},"
        + "\"tasks\":[{\"task\":3,\"slices\":2,\"seconds\":1.5,\"executor\":\"7\",\"gpu\":\"1\","
        + "\"joules\":300,\"start\":12.5},{\"slices\":1,\"seconds\":0.5}]}");
    assertEquals(53, r.circuitQubits().getAsInt());
    assertEquals("cuda", r.backend().orElseThrow());
    assertEquals("complex-half", r.precision().orElseThrow());
    assertEquals(64, r.plan().orElseThrow().get("numSlices").intValue());
    assertTrue(r.section("timings").isPresent());
    assertTrue(r.section("verification").isEmpty());
    assertEquals(new TaskRecord(3, 2, 1.5, "7", "1", OptionalDouble.of(300),
        OptionalDouble.of(12.5)), r.tasks().get(0));
    assertEquals(new TaskRecord(1, 1, 0.5, "", "", OptionalDouble.empty(),
        OptionalDouble.empty()), r.tasks().get(1));
  }

  @Test
  void everythingIsOptional() {
    RunRecord r = read("{}");
    assertTrue(r.circuit().isEmpty());
    assertTrue(r.circuitQubits().isEmpty());
    assertTrue(r.backend().isEmpty());
    assertTrue(r.plan().isEmpty());
    assertTrue(r.tasks().isEmpty());
    assertTrue(read("{\"circuit\":\"sycamore m20\"}").circuitQubits().isEmpty());
  }

  @Test
  void badFieldsNameTheirPath() {
    InputException seconds = assertThrows(InputException.class,
        () -> read("{\"tasks\":[{\"slices\":1,\"seconds\":1},{\"slices\":1,\"seconds\":-2}]}"));
    assertTrue(seconds.problem().startsWith("tasks[1].seconds must be"), seconds.problem());
    InputException slices = assertThrows(InputException.class,
        () -> read("{\"tasks\":[{\"seconds\":1}]}"));
    assertEquals("tasks[0] has no slices", slices.problem());
    assertThrows(InputException.class, () -> read("{\"tasks\":[{\"slices\":1.5,\"seconds\":1}]}"));
    assertThrows(InputException.class, () -> read("{\"tasks\":{}}"));
    assertThrows(InputException.class, () -> read("{\"circuit\":{\"qubits\":\"53\"}}")
        .circuitQubits());
    assertThrows(InputException.class, () -> read("[1, 2]"));
  }

  @Test
  void loadFromADirectory(@TempDir Path dir) throws IOException {
    InputException none = assertThrows(InputException.class, () -> RunRecord.load(dir));
    assertEquals("no run.json in this run directory", none.problem());
    Files.writeString(dir.resolve("run.json"), "{\"precision\":\"complex64\"}");
    RunRecord r = RunRecord.load(dir);
    assertEquals("complex64", r.precision().orElseThrow());
    assertEquals(dir.resolve("run.json").toString(), r.source());
  }

  @Test
  void invalidJsonGivesItsLine() {
    InputException e =
        assertThrows(InputException.class, () -> read("{\n\"backend\": \"cpu\",\n}"));
    assertEquals(3, e.line());
    assertEquals("run.json", e.source());
  }
}
