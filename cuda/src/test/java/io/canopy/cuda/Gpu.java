package io.canopy.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test, with the reason, where no GPU can be used. */
public final class Gpu {
  private Gpu() {}

  public static void assumePresent() {
    CudaNatives.Availability a = CudaNatives.availability();
    assumeTrue(a.available(), () -> "skipped: " + a.message());
  }
}
