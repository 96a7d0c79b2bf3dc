package io.canopy.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

  @Test
  void numbersShowSixSignificantDigits() {
    assertEquals("6.1", HtmlReport.number(6.1));
    assertEquals("12", HtmlReport.number(12.0));
    assertEquals("0", HtmlReport.number(0));
    assertEquals("0.0820079", HtmlReport.number(0.08200786655640313));
    assertEquals("2359296", HtmlReport.number(2304 * 1024));
    assertEquals("-3.89044e-15", HtmlReport.number(-3.8904426555297356e-15));
    assertEquals("1.00000e+18", HtmlReport.number(1e18));
  }
}
