package io.canopy.circuits.layout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Layouts by name, as a user types them: {@code sycamore53} or {@code grid:RxC}. */
public final class Layouts {
  private static final Pattern GRID = Pattern.compile("grid:(\\d{1,4})x(\\d{1,4})");

  private Layouts() {}

  /** @throws IllegalArgumentException naming the accepted forms */
  public static Layout parse(String spec) {
    if (spec.equals("sycamore53")) return new Sycamore53Layout();
    Matcher m = GRID.matcher(spec);
    if (m.matches()) {
      int rows = Integer.parseInt(m.group(1));
      int cols = Integer.parseInt(m.group(2));
      if (rows >= 1 && cols >= 1) return new GridLayout(rows, cols);
    }
    throw new IllegalArgumentException("unknown layout '" + spec
        + "'; expected sycamore53 or grid:RxC with R, C >= 1 (e.g. grid:4x5)");
  }
}
