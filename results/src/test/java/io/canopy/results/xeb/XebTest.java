package io.canopy.results.xeb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canopy.results.Amplitude;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the estimators. */
class XebTest {

  @Test
  void linearXebAndItsStandardError() {
    // n = 2, D = 4: terms 4 * 0.5 - 1 = 1 and 4 * 0.25 - 1 = 0; mean 0.5, sample variance 0.5.
    XebEstimate f = Xeb.linear(new double[] {0.5, 0.25}, 2);
    assertEquals(0.5, f.value(), 1e-15);
    assertEquals(Math.sqrt(0.5 / 2), f.standardError(), 1e-15);
    assertEquals(2, f.samples());
  }

  @Test
  void logXeb() {
    // n ln2 + gamma + (ln 0.5 + ln 0.25) / 2 = 2 ln2 + gamma - 1.5 ln2.
    XebEstimate f = Xeb.log(new double[] {0.5, 0.25}, 2);
    assertEquals(0.5 * Math.log(2) + Xeb.EULER_GAMMA, f.value(), 1e-15);
    // Terms differ by ln 2: sample variance (ln2)^2 / 2, over N = 2.
    assertEquals(Math.log(2) / 2, f.standardError(), 1e-15);
  }

  @Test
  void uniformDistributionScoresZeroExactly() {
    double[] p = {0.125, 0.125, 0.125, 0.125};
    assertEquals(0, Xeb.linear(p, 3).value(), 1e-15);
    assertEquals(0, Xeb.linear(p, 3).standardError(), 0);
    // ln(D p) = 0 for every term: log XEB is gamma, not 0: 0 is the Porter-Thomas mean.
    assertEquals(Xeb.EULER_GAMMA, Xeb.log(p, 3).value(), 1e-15);
  }

  @Test
  void amplitudesGiveTheirBitstringLengthAsN() {
    List<Amplitude> rows = List.of(new Amplitude("10", Math.sqrt(0.5), 0),
        new Amplitude("01", 0, -0.5));
    XebEstimate linear = Xeb.linear(rows);
    assertEquals(0.5, linear.value(), 1e-15);
    assertEquals(0.5, linear.standardError(), 1e-15);
    assertEquals(Xeb.log(new double[] {0.5, 0.25}, 2).value(), Xeb.log(rows).value(), 1e-15);
  }

  @Test
  void badInput() {
    assertThrows(IllegalArgumentException.class, () -> Xeb.linear(new double[] {0.5}, 1));
    assertThrows(IllegalArgumentException.class, () -> Xeb.linear(new double[] {0.5, -0.1}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Xeb.linear(new double[] {0.5, Double.NaN}, 1));
    assertThrows(IllegalArgumentException.class, () -> Xeb.log(new double[] {0.5, 0}, 1));
  }

  @Test
  void sigmasFrom() {
    assertEquals(2.5, new XebEstimate(1.5, 0.2, 10).sigmasFrom(1.0), 1e-12);
  }
}
