package io.canopy.cli;

import java.util.Locale;

/** Parses memory sizes such as {@code 80G}, {@code 24GiB}, {@code 512M} or plain bytes (binary units). */
final class ByteSizes {
  private ByteSizes() {}

  static long parse(String option, String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    switch (last) {
      case 'K': unit = 1L << 10; break;
      case 'M': unit = 1L << 20; break;
      case 'G': unit = 1L << 30; break;
      case 'T': unit = 1L << 40; break;
      default: break;
    }
    String number = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      double v = Double.parseDouble(number);
      if (!(v > 0) || Double.isInfinite(v)) throw new NumberFormatException();
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not a memory size (e.g. 80G, 24GiB)");
    }
  }
}
