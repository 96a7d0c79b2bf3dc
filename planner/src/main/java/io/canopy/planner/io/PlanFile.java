package io.canopy.planner.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanStats;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan file: JSON with {@code formatVersion}, {@code networkHash}, the problem
 * ({@code inputs}, {@code output}, {@code sizes} as log2 sizes), the tree as an SSA {@code path},
 * the {@code sliced} indices, {@code stats} and, when known, {@code planner} (the settings and
 * time the plan was made with). The stats are derived data, written for people and tools that
 * compare plans; reading checks that they agree with the path.
 *
 * <p>Reading validates everything and reports the first problem as an
 * {@link IllegalArgumentException} whose one-line message starts with the source name.
 */
public final class PlanFile {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  /** Stats are recomputed from the path on reading; this much rounding is tolerated. */
  private static final double STATS_TOLERANCE = 1e-6;

  private PlanFile() { }

  public static void write(Plan plan, OutputStream out) {
    ContractionTree tree = plan.tree();
    ContractionProblem problem = plan.problem();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", Plan.FORMAT_VERSION);
    root.put("networkHash", plan.networkHash());
    ArrayNode inputs = root.putArray("inputs");
    for (int[] in : problem.inputs()) addInts(inputs.addArray(), in);
    addInts(root.putArray("output"), problem.output());
    addInts(root.putArray("sizes"), problem.log2Sizes());
    ArrayNode path = root.putArray("path");
    for (int[] step : tree.ssaPath()) addInts(path.addArray(), step);
    addInts(root.putArray("sliced"), tree.sliced());
    PlanStats stats = plan.stats();
    ObjectNode s = root.putObject("stats");
    s.put("log10Flops", stats.log10Flops());
    s.put("log2MaxSize", stats.log2MaxSize());
    s.put("numSlices", stats.numSlices());
    s.put("slicedLog10Flops", stats.slicedLog10Flops());
    s.put("overhead", stats.overhead());
    if (!plan.origin().isEmpty()) root.set("planner", MAPPER.valueToTree(plan.origin()));
    try {
      MAPPER.writeValue(new NonClosingStream(out), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plan: " + e.getMessage(), e);
    }
  }

  /** The plan file as a string. */
  public static String format(Plan plan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(plan, bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void addInts(ArrayNode array, int[] values) {
    for (int v : values) array.add(v);
  }

  /**
   * Reads and validates a plan file.
   *
   * @param sourceName how to name the source in error messages (a path, a URL)
   * @throws IllegalArgumentException "SOURCE: problem" for any invalid content
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static Plan read(InputStream in, String sourceName) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw fail(sourceName, "not valid JSON (line " + e.getLocation().getLineNr() + "): "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plan " + sourceName + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw fail(sourceName, "not a JSON object");
    return new Reader(root, sourceName).plan();
  }

  private static IllegalArgumentException fail(String source, String problem) {
    return new IllegalArgumentException(source + ": " + problem);
  }

  /** Validation of one parsed file, field by field. */
  private static final class Reader {
    private final JsonNode root;
    private final String source;

    Reader(JsonNode root, String source) {
      this.root = root;
      this.source = source;
    }

    Plan plan() {
      int version = intField(root, "formatVersion");
      if (version != Plan.FORMAT_VERSION) {
        throw fail(source, "formatVersion " + version + " is not supported (this version reads "
            + Plan.FORMAT_VERSION + ")");
      }
      JsonNode hashNode = field(root, "networkHash");
      if (!hashNode.isTextual()) throw fail(source, "networkHash is not a string");
      String hash = hashNode.asText();
      JsonNode inputsNode = arrayField(root, "inputs");
      int[][] inputs = new int[inputsNode.size()][];
      for (int i = 0; i < inputs.length; i++) inputs[i] = ints(inputsNode.get(i), "inputs[" + i + "]");
      int[] output = ints(arrayField(root, "output"), "output");
      int[] sizes = ints(arrayField(root, "sizes"), "sizes");
      ContractionProblem problem;
      try {
        problem = new ContractionProblem(inputs, output, sizes);
      } catch (IllegalArgumentException e) {
        throw fail(source, "invalid network: " + e.getMessage());
      }
      if (!problem.hash().equals(hash)) {
        throw fail(source, "networkHash " + hash + " does not match the stored inputs, output and sizes");
      }
      JsonNode pathNode = arrayField(root, "path");
      int[][] path = new int[pathNode.size()][];
      for (int k = 0; k < path.length; k++) path[k] = ints(pathNode.get(k), "path[" + k + "]");
      int[] sliced = ints(arrayField(root, "sliced"), "sliced");
      ContractionTree tree;
      try {
        tree = ContractionTree.fromSsaPath(problem, path, sliced);
      } catch (IllegalArgumentException e) {
        throw fail(source, "invalid path: " + e.getMessage());
      }
      BitSet outputSet = new BitSet();
      for (int ix : output) outputSet.set(ix);
      for (int ix : sliced) {
        if (outputSet.get(ix)) throw fail(source, "sliced index " + ix + " is an output index");
      }
      if (tree.sliced().length != Arrays.stream(sliced).distinct().count()) {
        throw fail(source, "sliced lists an index twice");
      }
      Plan plan = new Plan(tree, origin());
      checkStats(plan.stats());
      return plan;
    }

    /** The optional {@code planner} object: how the plan was made, named scalars only. */
    private Map<String, Object> origin() {
      JsonNode node = root.get("planner");
      if (node == null || node.isNull()) return Map.of();
      if (!node.isObject()) throw fail(source, "planner is not an object");
      Map<String, Object> origin = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isIntegralNumber()) origin.put(e.getKey(), v.asLong());
        else if (v.isNumber()) origin.put(e.getKey(), v.asDouble());
        else if (v.isBoolean()) origin.put(e.getKey(), v.asBoolean());
        else if (v.isTextual()) origin.put(e.getKey(), v.asText());
        else throw fail(source, "planner." + e.getKey() + " is not a number, string or boolean");
      }
      return origin;
    }

    private void checkStats(PlanStats actual) {
      JsonNode stats = field(root, "stats");
      if (!stats.isObject()) throw fail(source, "stats is not an object");
      compare(stats, "log10Flops", actual.log10Flops());
      compare(stats, "log2MaxSize", actual.log2MaxSize());
      compare(stats, "numSlices", actual.numSlices());
      compare(stats, "slicedLog10Flops", actual.slicedLog10Flops());
      compare(stats, "overhead", actual.overhead());
    }

    private void compare(JsonNode stats, String name, double actual) {
      JsonNode v = field(stats, name);
      // A network simplified to one tensor contracts nothing: log10 of zero cost is -Infinity,
      // which JSON can only carry as the string Jackson writes for it.
      boolean infinite = v.isTextual() && (v.asText().equals("-Infinity") || v.asText().equals("Infinity"));
      if (!v.isNumber() && !infinite) throw fail(source, "stats." + name + " is not a number");
      double stored = infinite ? Double.parseDouble(v.asText()) : v.asDouble();
      boolean same = Double.isInfinite(actual) ? stored == actual
          : Math.abs(stored - actual) <= STATS_TOLERANCE * Math.max(1, Math.abs(actual));
      if (!same) {
        throw fail(source, "stats." + name + " is " + stored + " but the path gives " + actual);
      }
    }

    private JsonNode field(JsonNode node, String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) throw fail(source, "missing field '" + name + "'");
      return v;
    }

    private JsonNode arrayField(JsonNode node, String name) {
      JsonNode v = field(node, name);
      if (!v.isArray()) throw fail(source, name + " is not an array");
      return v;
    }

    private int intField(JsonNode node, String name) {
      JsonNode v = field(node, name);
      if (!v.isInt()) throw fail(source, name + " is not an integer");
      return v.asInt();
    }

    private int[] ints(JsonNode array, String what) {
      if (array == null || !array.isArray()) throw fail(source, what + " is not an array");
      int[] values = new int[array.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode v = array.get(i);
        if (!v.isInt()) throw fail(source, what + "[" + i + "] is not an integer: " + v);
        values[i] = v.asInt();
      }
      return values;
    }
  }

  /** Lets Jackson close what it writes to without closing the caller's stream. */
  private static final class NonClosingStream extends FilterOutputStream {
    NonClosingStream(OutputStream out) { super(out); }

    @Override
    public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

    @Override
    public void close() throws IOException { flush(); }
  }
}
