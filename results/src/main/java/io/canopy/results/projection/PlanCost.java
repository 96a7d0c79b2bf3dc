package io.canopy.results.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.circuits.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The cost of a sliced contraction plan, from the plan file's {@code stats}.
 *
 * <p>Convention: {@code slicedLog10Flops} is log10 of the complex multiply-adds summed over all
 * slices (the unit cotengra reports). One complex multiply-add is 8 real floating-point
 * operations (4 multiplies and 2 adds for the product, 2 adds to accumulate), so the real
 * operations a GPU executes number 8 * 10^slicedLog10Flops. This is the count GPU peak rates
 * (TFLOP/s) are quoted in.
 *
 * @param slicedLog10Flops log10 of the complex multiply-adds over all slices
 * @param numSlices number of slices
 */
public record PlanCost(double slicedLog10Flops, double numSlices) {
  public static final double REAL_FLOPS_PER_COMPLEX_MULTIPLY_ADD = 8;

  public PlanCost {
    if (!Double.isFinite(slicedLog10Flops)) {
      throw new IllegalArgumentException("slicedLog10Flops must be finite");
    }
    if (!(numSlices >= 1) || Double.isInfinite(numSlices)) {
      throw new IllegalArgumentException("a plan has at least one slice, not " + numSlices);
    }
  }

  /** Real floating-point operations of the whole sliced contraction. */
  public double totalRealFlops() {
    return REAL_FLOPS_PER_COMPLEX_MULTIPLY_ADD * Math.pow(10, slicedLog10Flops);
  }

  /** Real floating-point operations of one slice (slices of one plan cost the same). */
  public double realFlopsPerSlice() {
    return totalRealFlops() / numSlices;
  }

  /**
   * Reads {@code slicedLog10Flops} and {@code numSlices} from the object holding them: the plan
   * file's {@code stats}, or run.json's {@code plan}.
   *
   * @param path the object's JSON path, for messages ("stats", "plan")
   * @throws InputException naming {@code sourceName} if either is missing or not a number
   */
  public static PlanCost fromStats(JsonNode stats, String path, String sourceName) {
    double log10 = number(stats, path, "slicedLog10Flops", sourceName);
    double slices = number(stats, path, "numSlices", sourceName);
    if (!(slices >= 1)) {
      throw new InputException(sourceName, 0,
          path + ".numSlices must be at least 1, not " + slices);
    }
    return new PlanCost(log10, slices);
  }

  /** Reads the {@code stats} of a local plan file. */
  public static PlanCost load(Path planFile) {
    try (InputStream in = Files.newInputStream(planFile)) {
      return read(in, planFile.toString());
    } catch (NoSuchFileException e) {
      throw new InputException(planFile.toString(), 0, "no such plan file");
    } catch (IOException e) {
      throw new UncheckedIOException(planFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads the {@code stats} of a plan file (JSON, see the plan format). */
  public static PlanCost read(InputStream planJson, String sourceName) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(planJson);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(sourceName, line, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
    }
    JsonNode stats = root == null ? null : root.get("stats");
    if (stats == null || !stats.isObject()) {
      throw new InputException(sourceName, 0, "plan has no stats object");
    }
    return fromStats(stats, "stats", sourceName);
  }

  private static double number(JsonNode stats, String path, String field, String sourceName) {
    JsonNode n = stats.get(field);
    if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
      throw new InputException(sourceName, 0, path + "." + field + " must be a number, found "
          + (n == null ? "nothing" : n.toString()));
    }
    return n.doubleValue();
  }
}
