package io.canopy.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small x-y chart rendered as inline SVG, so a report carries its charts in its own text and
 * opens without network or image files. It draws bars, lines, points with error bars and
 * horizontal reference lines on linear axes with round tick values.
 */
final class SvgPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 340;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 56;
  private static final int BOTTOM = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private String[] categories;
  private double xMin = Double.POSITIVE_INFINITY;
  private double xMax = Double.NEGATIVE_INFINITY;
  private double yMin = Double.POSITIVE_INFINITY;
  private double yMax = Double.NEGATIVE_INFINITY;

  private enum Kind { BARS, LINE, POINTS, REFERENCE }

  private record Series(Kind kind, String legend, String color, double[] x, double[] y,
      double[] extent) {}

  SvgPlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Bars from x[i] to x[i] + width[i] (left edges and widths), from 0 to y[i]. */
  SvgPlot bars(double[] left, double[] width, double[] y, String color, String legend) {
    for (int i = 0; i < left.length; i++) {
      include(left[i], 0);
      include(left[i] + width[i], y[i]);
    }
    series.add(new Series(Kind.BARS, legend, color, left, y, width));
    return this;
  }

  SvgPlot line(double[] x, double[] y, String color, String legend) {
    for (int i = 0; i < x.length; i++) include(x[i], y[i]);
    series.add(new Series(Kind.LINE, legend, color, x, y, null));
    return this;
  }

  /** Points with symmetric error bars of half-length error[i] (null: none). */
  SvgPlot points(double[] x, double[] y, double[] error, String color, String legend) {
    for (int i = 0; i < x.length; i++) {
      double e = error == null ? 0 : error[i];
      include(x[i], y[i] - e);
      include(x[i], y[i] + e);
    }
    series.add(new Series(Kind.POINTS, legend, color, x, y, error));
    return this;
  }

  /** A dashed horizontal line across the plot at height y. */
  SvgPlot reference(double y, String color, String legend) {
    include(Double.NaN, y);
    series.add(new Series(Kind.REFERENCE, legend, color, null, new double[] {y}, null));
    return this;
  }

  /** Names x = 0, 1, ... instead of numbering them (for points of different kinds). */
  SvgPlot categories(String... names) {
    this.categories = names.clone();
    include(-0.5, Double.NaN);
    include(names.length - 0.5, Double.NaN);
    return this;
  }

  String render() {
    double[] xRange = padded(xMin, xMax);
    double[] yRange = padded(yMin, yMax);
    Axis xAxis = new Axis(xRange[0], xRange[1], LEFT, WIDTH - RIGHT);
    Axis yAxis = new Axis(yRange[0], yRange[1], HEIGHT - BOTTOM, TOP);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    s.append("<title>").append(escape(title)).append("</title>\n");
    s.append(text(WIDTH / 2.0, 20, "middle", title, "font-size=\"14\" font-weight=\"bold\""));
    drawAxes(s, xAxis, yAxis);
    for (Series d : series) drawSeries(s, d, xAxis, yAxis);
    drawLegend(s);
    s.append("</svg>");
    return s.toString();
  }

  private void include(double x, double y) {
    if (Double.isFinite(x)) {
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
    }
    if (Double.isFinite(y)) {
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
  }

  /** A range with some room around the data (and a unit range when there is none); a range
   * starting at 0 (bars, counts) keeps 0 as its edge. */
  private static double[] padded(double min, double max) {
    if (!(min <= max)) return new double[] {0, 1};
    if (min == max) return new double[] {min - 0.5, max + 0.5};
    double pad = 0.04 * (max - min);
    return new double[] {min == 0 ? 0 : min - pad, max + pad};
  }

  private void drawAxes(StringBuilder s, Axis x, Axis y) {
    s.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
        LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
    for (double t : y.ticks()) {
      double py = y.pixel(t);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
          + "stroke=\"#e4e4e4\"/>%n", LEFT, WIDTH - RIGHT, py, py));
      s.append(text(LEFT - 6, py + 4, "end", y.label(t), ""));
    }
    if (categories != null) {
      for (int i = 0; i < categories.length; i++) {
        s.append(text(x.pixel(i), HEIGHT - BOTTOM + 16, "middle", categories[i], ""));
      }
    } else {
      for (double t : x.ticks()) {
        s.append(text(x.pixel(t), HEIGHT - BOTTOM + 16, "middle", x.label(t), ""));
      }
    }
    s.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 12, "middle", xLabel, ""));
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%.1f) rotate(-90)\" "
        + "text-anchor=\"middle\">%s</text>%n", (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
  }

  private static void drawSeries(StringBuilder s, Series d, Axis x, Axis y) {
    switch (d.kind()) {
      case BARS -> {
        for (int i = 0; i < d.x().length; i++) {
          double x0 = x.pixel(d.x()[i]);
          double x1 = x.pixel(d.x()[i] + d.extent()[i]);
          double top = y.pixel(Math.max(0, d.y()[i]));
          double bottom = y.pixel(Math.min(0, d.y()[i]));
          s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
              + "height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.6\"/>%n", x0, top,
              Math.max(0.5, x1 - x0 - 1), bottom - top, d.color()));
        }
      }
      case LINE -> {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < d.x().length; i++) {
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.pixel(d.x()[i]),
              y.pixel(d.y()[i])));
        }
        s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" "
            + "stroke=\"%s\" stroke-width=\"2\"/>%n", points.toString().trim(), d.color()));
      }
      case POINTS -> {
        for (int i = 0; i < d.x().length; i++) {
          double px = x.pixel(d.x()[i]);
          double py = y.pixel(d.y()[i]);
          if (d.extent() != null && d.extent()[i] > 0) {
            double lo = y.pixel(d.y()[i] - d.extent()[i]);
            double hi = y.pixel(d.y()[i] + d.extent()[i]);
            s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1f"
                + "M%.1f %.1fH%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", px, lo, hi,
                px - 5, lo, px + 5, px - 5, hi, px + 5, d.color()));
          }
          s.append(String.format(Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, d.color()));
        }
      }
      case REFERENCE -> {
        double py = y.pixel(d.y()[0]);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
            + "stroke=\"%s\" stroke-dasharray=\"6 4\"/>%n", LEFT, WIDTH - RIGHT, py, py,
            d.color()));
      }
    }
  }

  /** One row of legend entries between the title and the plot, each with its series' mark. */
  private void drawLegend(StringBuilder s) {
    double x = LEFT;
    double y = TOP - 14;
    for (Series d : series) {
      if (d.legend() == null || d.legend().isEmpty()) continue;
      String mark = switch (d.kind()) {
        case BARS -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
            + "height=\"10\" fill=\"%s\" fill-opacity=\"0.6\"/>", x, y - 9, d.color());
        case POINTS -> String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", x + 7, y - 4, d.color());
        case LINE, REFERENCE -> String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" "
            + "y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>", x, x + 14, y - 4,
            y - 4, d.color(), d.kind() == Kind.REFERENCE ? " stroke-dasharray=\"4 3\"" : "");
      };
      s.append(mark).append('\n');
      s.append(text(x + 19, y, "start", d.legend(), ""));
      // Width of the label at about 6.5 pixels per character of 12-pixel sans-serif.
      x += 19 + 6.5 * d.legend().length() + 18;
    }
  }

  private static String text(double x, double y, String anchor, String content, String extra) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s"
        + "</text>%n", x, y, anchor, extra, escape(content));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** A linear axis from data range [lo, hi] onto pixels [from, to] with round ticks. */
  private record Axis(double lo, double hi, double from, double to) {
    double pixel(double value) {
      return from + (value - lo) / (hi - lo) * (to - from);
    }

    double step() {
      double raw = (hi - lo) / 5;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double fraction = raw / magnitude;
      double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
      return nice * magnitude;
    }

    double[] ticks() {
      double step = step();
      double first = Math.ceil(lo / step) * step;
      int count = (int) Math.floor((hi - first) / step + 1e-9) + 1;
      double[] ticks = new double[Math.max(0, count)];
      for (int i = 0; i < ticks.length; i++) ticks[i] = first + i * step;
      return ticks;
    }

    String label(double value) {
      double step = step();
      if (Math.abs(value) < step * 1e-6) return "0";
      if (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3) {
        return String.format(Locale.ROOT, "%.2g", value);
      }
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
      return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
  }
}
