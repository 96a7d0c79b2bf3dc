package io.canopy.cuda;

import java.util.Locale;

/**
 * How a complex matrix product is made of real GEMMs on planar (separate real and imaginary)
 * operands.
 */
public enum ComplexProduct {
  /**
   * 4M in block form: the smaller operand E is expanded into the real matrix
   * [[Er, Ei], [-Ei, Er]] and one real GEMM with the planar larger operand yields the real and
   * imaginary planes of the result. Four real multiplies per complex multiply-add, one GEMM, no
   * combining pass; the expansion costs twice E's storage. Needs no batch indices (the planes of
   * the larger operand must be one matrix); contractions with batch indices use {@link #GAUSS_3M}.
   */
  BLOCK_4M("4m"),
  /**
   * 3M (Gauss): T1 = Ar Br, T2 = Ai Bi, T3 = (Ar + Ai)(Br + Bi), then Cr = T1 - T2 and
   * Ci = T3 - T1 - T2. Three real multiplies per complex multiply-add (25% fewer) in one strided
   * batched GEMM, paid for by packing both operands into three planes and a combining pass.
   */
  GAUSS_3M("3m");

  /** The measured faster of the two on large steps and whole slices (docs/benchmarks.md). */
  public static final ComplexProduct DEFAULT = GAUSS_3M;

  private final String label;

  ComplexProduct(String label) { this.label = label; }

  public String label() { return label; }

  /**
   * Scratch a contraction needs beside its output, in complex elements of the storage precision.
   *
   * @param log2A log2 elements of one operand
   * @param log2B log2 elements of the other
   * @param log2C log2 elements of the result
   * @param batched whether the contraction has batch indices
   */
  public double workspaceElements(int log2A, int log2B, int log2C, boolean batched) {
    double a = Math.pow(2, log2A);
    double b = Math.pow(2, log2B);
    double c = Math.pow(2, log2C);
    if (this == BLOCK_4M && !batched) {
      // a permuted copy of the larger operand (when its layout does not fit) and the block matrix
      return Math.max(a, b) + 2 * Math.min(a, b);
    }
    return 1.5 * (a + b + c);
  }

  public static ComplexProduct parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (ComplexProduct p : values()) if (p.label.equals(t)) return p;
    throw new IllegalArgumentException("unknown complex product '" + text + "' (expected 4m or 3m)");
  }

  @Override
  public String toString() { return label; }
}
