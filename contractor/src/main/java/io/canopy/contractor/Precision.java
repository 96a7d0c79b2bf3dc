package io.canopy.contractor;

import java.util.Locale;

/** Arithmetic a backend contracts in. */
public enum Precision {
  /** fp64 real and imaginary parts: the CPU reference. */
  COMPLEX128("complex128", 16),
  /** fp32 real and imaginary parts. */
  COMPLEX64("complex64", 8),
  /** fp16 storage with fp32 accumulation, with a per-tensor exponent to stay in range (GPU only). */
  COMPLEX_HALF("complex-half", 4);

  private final String label;
  private final int bytesPerElement;

  Precision(String label, int bytesPerElement) {
    this.label = label;
    this.bytesPerElement = bytesPerElement;
  }

  /** The name used on the command line and in run.json. */
  public String label() { return label; }

  /** Bytes of one complex element in device memory. */
  public int bytesPerElement() { return bytesPerElement; }

  /**
   * Parses a command-line label.
   *
   * @throws IllegalArgumentException listing the accepted labels
   */
  public static Precision parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Precision p : values()) if (p.label.equals(t)) return p;
    throw new IllegalArgumentException("unknown precision '" + text
        + "' (expected complex128, complex64 or complex-half)");
  }

  @Override
  public String toString() { return label; }
}
