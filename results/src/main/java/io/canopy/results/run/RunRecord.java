package io.canopy.results.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.circuits.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The parts of a run's run.json (format: docs/formats.md, "Run directory") that results reads.
 * Every part is optional:
 *
 * <ul>
 *   <li>{@code circuit}: an object whose {@code qubits} is checked against the amplitudes; its
 *       scalar fields are shown as they are.
 *   <li>{@code backend}, {@code precision}: strings.
 *   <li>{@code plan}: the plan's hash and stats fields ({@code log10Flops}, {@code log2MaxSize},
 *       {@code numSlices}, {@code slicedLog10Flops}, {@code overhead}).
 *   <li>{@code tasks}: a list of {@code {task, slices, seconds, executor}} with, when the host
 *       records them, {@code gpu}, {@code joules} and {@code start}; {@code slices} and
 *       {@code seconds} are required in each, other fields are ignored.
 *   <li>any other section ({@code timings}, {@code verification}...) by name, shown as it is.
 * </ul>
 *
 * Fields are checked when read; a wrong one is an {@link InputException} naming its JSON path
 * (line 0: a parsed tree has no line numbers).
 */
public final class RunRecord {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String source;
  private final JsonNode root;
  private final List<TaskRecord> tasks;

  private RunRecord(String source, JsonNode root) {
    if (!root.isObject()) throw new InputException(source, 0, "run record must be a JSON object");
    this.source = source;
    this.root = root;
    this.tasks = parseTasks();
  }

  /** A run record from an already parsed tree (e.g. read from HDFS by the caller). */
  public static RunRecord of(JsonNode root, String sourceName) {
    return new RunRecord(sourceName, root);
  }

  /**
   * Reads {@code dir/run.json}.
   *
   * @throws InputException if the directory has none or it is malformed
   */
  public static RunRecord load(Path dir) {
    Path file = dir.resolve(RunData.RUN_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(dir.toString(), 0,
          "no " + RunData.RUN_FILE + " in this run directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses run.json. */
  public static RunRecord read(InputStream in, String sourceName) {
    try {
      return new RunRecord(sourceName, MAPPER.readTree(in));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(sourceName, line, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
    }
  }

  public String source() {
    return source;
  }

  public JsonNode root() {
    return root;
  }

  /** The circuit entry as written, if any. */
  public Optional<JsonNode> circuit() {
    return section("circuit");
  }

  /** {@code circuit.qubits}, if recorded. */
  public OptionalInt circuitQubits() {
    JsonNode n = root.path("circuit").get("qubits");
    if (n == null || n.isNull()) return OptionalInt.empty();
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1) {
      throw new InputException(source, 0, "circuit.qubits must be a positive integer, not " + n);
    }
    return OptionalInt.of(n.intValue());
  }

  public Optional<String> backend() {
    return text("backend");
  }

  public Optional<String> precision() {
    return text("precision");
  }

  /** The {@code plan} object (hash and stats fields), if any. */
  public Optional<JsonNode> plan() {
    return section("plan");
  }

  /** A top-level entry by name, if present and not null. */
  public Optional<JsonNode> section(String name) {
    JsonNode node = root.get(name);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  /** The task records, in the order written; empty when run.json has none. */
  public List<TaskRecord> tasks() {
    return tasks;
  }

  private Optional<String> text(String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) return Optional.empty();
    if (!n.isValueNode()) throw new InputException(source, 0, field + " must be a string");
    return Optional.of(n.asText());
  }

  private List<TaskRecord> parseTasks() {
    JsonNode list = root.get("tasks");
    if (list == null || list.isNull()) return List.of();
    if (!list.isArray()) throw new InputException(source, 0, "tasks must be a list");
    List<TaskRecord> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      String at = "tasks[" + i + "]";
      if (!t.isObject()) throw new InputException(source, 0, at + " must be an object");
      double slices = number(t, at, "slices").orElseThrow(() -> missing(at, "slices"));
      if (slices != Math.rint(slices)) {
        throw new InputException(source, 0, at + ".slices must be a whole number, not " + slices);
      }
      double seconds = number(t, at, "seconds").orElseThrow(() -> missing(at, "seconds"));
      long task = (long) number(t, at, "task").orElse(i);
      out.add(new TaskRecord(task, (long) slices, seconds, t.path("executor").asText(""),
          t.path("gpu").asText(""), number(t, at, "joules"), number(t, at, "start")));
    }
    return List.copyOf(out);
  }

  /** A finite non-negative number at {@code at.field}, if present. */
  private OptionalDouble number(JsonNode t, String at, String field) {
    JsonNode n = t.get(field);
    if (n == null || n.isNull()) return OptionalDouble.empty();
    if (!n.isNumber() || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
      throw new InputException(source, 0, at + "." + field
          + " must be a finite non-negative number, not " + n);
    }
    return OptionalDouble.of(n.doubleValue());
  }

  private InputException missing(String at, String field) {
    return new InputException(source, 0, at + " has no " + field);
  }
}
