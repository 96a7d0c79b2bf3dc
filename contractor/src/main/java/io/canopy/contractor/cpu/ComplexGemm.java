package io.canopy.contractor.cpu;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a complex matrix product {@code C = A B} on planar operands is formed from real GEMMs.
 * Operands are flat C-order arrays holding {@code batch} matrices {@code [m, k]} and
 * {@code [k, n]}; the outputs {@code [batch, m, n]} are written, never read.
 */
public enum ComplexGemm {
  /**
   * Four real products: {@code Cr = Ar Br - Ai Bi}, {@code Ci = Ar Bi + Ai Br}, the second of
   * each pair accumulated into the output by the GEMM itself (beta = 1), so no temporaries.
   */
  FOUR_M {
    @Override
    void multiply(RealGemm g, INDArray ar, INDArray ai, INDArray br, INDArray bi, INDArray cr, INDArray ci) {
      g.apply(ar, br, cr, 1, 0);
      g.apply(ai, bi, cr, -1, 1);
      g.apply(ar, bi, ci, 1, 0);
      g.apply(ai, br, ci, 1, 1);
    }
  },
  /**
   * Gauss's three products: {@code T1 = Ar Br}, {@code T2 = Ai Bi},
   * {@code T3 = (Ar + Ai)(Br + Bi)}; {@code Cr = T1 - T2}, {@code Ci = T3 - T1 - T2}. A quarter
   * fewer multiplies, paid for by two operand sums, one temporary and three passes over the output
   * (and slightly larger rounding error in {@code Ci}).
   */
  THREE_M {
    @Override
    void multiply(RealGemm g, INDArray ar, INDArray ai, INDArray br, INDArray bi, INDArray cr, INDArray ci) {
      try (INDArray t2 = Nd4j.createUninitialized(cr.dataType(), cr.length());
          INDArray sa = ar.add(ai);
          INDArray sb = br.add(bi)) {
        g.apply(ar, br, cr, 1, 0);
        g.apply(ai, bi, t2, 1, 0);
        g.apply(sa, sb, ci, 1, 0);
        ci.subi(cr).subi(t2);
        cr.subi(t2);
      }
    }
  };

  /** Writes the complex product of (ar + i ai) and (br + i bi) into (cr + i ci). */
  abstract void multiply(RealGemm g, INDArray ar, INDArray ai, INDArray br, INDArray bi, INDArray cr, INDArray ci);
}
