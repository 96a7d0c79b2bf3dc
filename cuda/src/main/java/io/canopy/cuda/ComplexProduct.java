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
  GAUSS_3M("3m"),
  /**
   * Per contraction: 3M where the contracted dimension is long (the GEMM is compute-bound and 3M's
   * saved multiplies pay), the 4M block form where it is short (the step is memory-bound and 3M's
   * packing and combining passes cost more than they save). On the 53-qubit slices measured the
   * two were equal at 2^11 contracted elements; 4M won below, 3M above (docs/benchmarks.md).
   */
  MIXED("mixed");

  /** Contracted dimensions up to 2^this run as 4M under {@link #MIXED}. */
  static final int MIXED_MAX_LOG2_CONTRACTED_4M = 11;

  /** The default product (docs/benchmarks.md has the measurements behind it). */
  public static final ComplexProduct DEFAULT = MIXED;

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
    // without batch indices the contracted dimension is what the operands have beyond the result
    if (forStep((log2A + log2B - log2C) / 2, batched) == BLOCK_4M) {
      // a permuted copy of the larger operand (when its layout does not fit) and the block matrix
      return Math.max(a, b) + 2 * Math.min(a, b);
    }
    return 1.5 * (a + b + c);
  }

  /** The product one contraction runs with: 4M or 3M. */
  ComplexProduct forStep(int log2Contracted, boolean batched) {
    if (batched) return GAUSS_3M;
    if (this == MIXED) return log2Contracted <= MIXED_MAX_LOG2_CONTRACTED_4M ? BLOCK_4M : GAUSS_3M;
    return this;
  }

  /** Real flops per complex multiply-add of a contraction without batch indices: 8 in 4M, 6 in 3M. */
  public int realFlopsPerMultiplyAdd(int log2Contracted) {
    return forStep(log2Contracted, false) == BLOCK_4M ? 8 : 6;
  }

  public static ComplexProduct parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (ComplexProduct p : values()) if (p.label.equals(t)) return p;
    throw new IllegalArgumentException("unknown complex product '" + text + "' (expected mixed, 4m or 3m)");
  }

  @Override
  public String toString() { return label; }
}
