package io.canopy.cuda.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgreementTest {
  @Test
  void aGlobalPhaseKeepsFidelityOneButCountsAsError() {
    double[] re = {1, 0, 3};
    double[] im = {0, 2, -1};
    // multiply by i: (re, im) -> (-im, re)
    double[] pr = {0, -2, 1};
    double[] pi = {1, 0, 3};
    Agreement a = Agreement.of(pr, pi, re, im);
    assertEquals(1, a.fidelity(), 1e-12);
    assertEquals(Math.sqrt(2), a.normwiseError(), 1e-12);
    assertEquals(Math.sqrt(2), a.maxRelativeError(), 1e-12);
  }

  @Test
  void orthogonalVectorsHaveFidelityZero() {
    Agreement a = Agreement.of(new double[] {1, 0}, new double[] {0, 0}, new double[] {0, 1}, new double[] {0, 0});
    assertEquals(0, a.fidelity(), 1e-15);
  }

  @Test
  void maxRelativeErrorIsElementwise() {
    Agreement a = Agreement.of(new double[] {1.1, 100}, new double[] {0, 0}, new double[] {1, 100}, new double[] {0, 0});
    assertEquals(0.1, a.maxRelativeError(), 1e-12);
  }
}
