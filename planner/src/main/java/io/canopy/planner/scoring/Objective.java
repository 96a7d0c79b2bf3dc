package io.canopy.planner.scoring;

import io.canopy.planner.ContractionTree;
import java.io.Serializable;

/**
 * What a planner minimizes, after cotengra's {@code scoring.py}. Every score is computed on the
 * tree as sliced (totals over all slices); lower is better.
 */
public interface Objective extends Serializable {

  /** The score of a (possibly sliced) tree; lower is better. */
  double score(ContractionTree tree);

  /**
   * Weight of written elements next to multiply-adds when a tree is reconfigured for this
   * objective ({@code SubtreeReconfigurer}'s write weight): 0 unless writes count.
   */
  default double writeWeight() { return 0; }

  /** log10 of the multiply-adds summed over all slices. */
  static Objective flops() { return new Flops(); }

  /** The largest intermediate first, then flops as the tie-break. */
  static Objective size() { return new Size(); }

  /** log10 of the elements written by all contractions of all slices (memory traffic). */
  static Objective write() { return new Write(); }

  /**
   * log10 of {@code flops + factor * writes}: flops with memory traffic weighted in, as
   * cotengra's "combo" (whose default factor is 64).
   */
  static Objective combo(double factor) { return new Combo(factor); }

  /**
   * Parses {@code flops}, {@code size}, {@code write}, {@code combo} (factor 64) or
   * {@code combo:FACTOR}.
   *
   * @throws IllegalArgumentException naming the bad text
   */
  static Objective parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "flops": return flops();
      case "size": return size();
      case "write": return write();
      case "combo": return combo(Combo.DEFAULT_FACTOR);
      default:
        if (t.startsWith("combo:")) {
          try {
            return combo(Double.parseDouble(t.substring(6)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("objective '" + text + "': combo factor is not a number");
          }
        }
        throw new IllegalArgumentException("unknown objective '" + text
            + "' (expected flops, size, write, combo or combo:FACTOR)");
    }
  }
}
