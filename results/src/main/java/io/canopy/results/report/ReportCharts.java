package io.canopy.results.report;

import io.canopy.results.stats.Histogram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn by JFreeChart and rendered headless to PNG images inlined as
 * base64 data URIs, so that report.html carries them in its own text and opens offline.
 */
final class ReportCharts {
  /** Size at which a chart is shown in the page, in CSS pixels. */
  static final int WIDTH = 680;
  static final int HEIGHT = 360;
  /** Pixels per CSS pixel of the PNG, so that charts stay sharp on high-density screens. */
  private static final int SCALE = 2;

  static final Color BLUE = new Color(0x1f5fa8);
  static final Color ORANGE = new Color(0xd9731a);
  static final Color GRAY = new Color(0x777777);
  static final Color GREEN = new Color(0x2e8b57);
  private static final Color GRID = new Color(0xdddddd);
  private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  static {
    // Reports are written on servers and Spark drivers without a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportCharts() {}

  /**
   * Histogram of the scaled probabilities 2^n p as a density, against e^-x.
   *
   * @param h the histogram of 2^n p
   */
  static JFreeChart porterThomas(Histogram h) {
    XYIntervalSeries bars = new XYIntervalSeries("amplitudes");
    for (int b = 0; b < h.bins(); b++) {
      double density = h.density(b);
      bars.add((h.lowerEdge(b) + h.upperEdge(b)) / 2, h.lowerEdge(b), h.upperEdge(b),
          density, 0, density);
    }
    XYIntervalSeriesCollection histogram = new XYIntervalSeriesCollection();
    histogram.addSeries(bars);
    JFreeChart chart = ChartFactory.createXYBarChart("Histogram of 2^n p", "x = 2^n p", false,
        "density", histogram, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(bars(BLUE));

    int points = 121;
    double max = h.upperEdge(h.bins() - 1);
    XYSeries curve = new XYSeries("e^-x");
    for (int i = 0; i < points; i++) {
      double x = max * i / (points - 1);
      curve.add(x, Math.exp(-x));
    }
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, ORANGE);
    line.setSeriesStroke(0, new BasicStroke(2.5f));
    plot.setDataset(1, new XYSeriesCollection(curve));
    plot.setRenderer(1, line);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.getDomainAxis().setRange(0, max);
    return styled(chart);
  }

  /** One estimate with its standard error, under a category name. */
  record Estimate(String name, double value, double standardError) {}

  /**
   * XEB estimates with error bars of one standard error, against the reference lines 0 (uniform
   * bitstrings) and 1 (ideal samples), and optionally a predicted value in a category of its own
   * (placed after the measured ones, next to the estimate it predicts).
   *
   * @param prediction a predicted value (its standard error is ignored), or {@code null}
   */
  static JFreeChart xeb(List<Estimate> measured, Estimate prediction, String predictionLegend) {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (Estimate e : measured) data.add(e.value(), e.standardError(), "measured", e.name());
    if (prediction != null) data.add(prediction.value(), 0, predictionLegend, prediction.name());
    JFreeChart chart = ChartFactory.createLineChart("XEB estimates (\u00b1 1 standard error)", "",
        "fidelity", data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, BLUE);
    renderer.setSeriesPaint(1, ORANGE);
    renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    renderer.setSeriesShape(1, new Rectangle2D.Double(-4, -4, 8, 8));
    renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
    plot.setRenderer(renderer);
    plot.addRangeMarker(reference(0, GRAY, "uniform bitstrings"), Layer.BACKGROUND);
    plot.addRangeMarker(reference(1, GREEN, "ideal samples"), Layer.BACKGROUND);
    // Both reference lines inside the range, however the estimates fall.
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    range.setAutoRangeIncludesZero(true);
    double top = 1;
    for (Estimate e : measured) top = Math.max(top, e.value() + e.standardError());
    if (prediction != null) top = Math.max(top, prediction.value());
    range.setUpperBound(top * 1.1 + 0.05);
    return styled(chart);
  }

  /** Points (x, y) without lines, for one value per task; x are whole numbers (task indices). */
  static JFreeChart scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
    XYSeries series = new XYSeries("tasks", false, true);
    for (int i = 0; i < x.length; i++) series.add(x[i], y[i]);
    JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel,
        new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, BLUE);
    renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(renderer);
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return styled(chart);
  }

  /** Bars over intervals [left[i], left[i] + width[i]] of height y[i]. */
  static JFreeChart intervals(String title, String xLabel, String yLabel, double[] left,
      double[] width, double[] y, Color color) {
    XYIntervalSeries series = new XYIntervalSeries(yLabel);
    for (int i = 0; i < left.length; i++) {
      series.add(left[i] + width[i] / 2, left[i], left[i] + width[i], y[i], 0, y[i]);
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(series);
    JFreeChart chart = ChartFactory.createXYBarChart(title, xLabel, false, yLabel, data,
        PlotOrientation.VERTICAL, false, false, false);
    chart.getXYPlot().setRenderer(bars(color));
    return styled(chart);
  }

  /** One bar per named category. */
  static JFreeChart categoryBars(String title, String categoryLabel, String valueLabel,
      List<String> names, double[] values, Color color) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < values.length; i++) data.addValue(values[i], valueLabel, names.get(i));
    JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
        PlotOrientation.VERTICAL, false, false, false);
    BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, color);
    renderer.setMaximumBarWidth(0.12);
    return styled(chart);
  }

  /**
   * The chart as an XHTML {@code img} element whose source is the PNG itself.
   *
   * @param alt text shown (and read out) where the image is not displayed
   */
  static String img(JFreeChart chart, String alt) {
    String png = Base64.getEncoder().encodeToString(png(chart));
    return String.format(Locale.ROOT,
        "<img src=\"data:image/png;base64,%s\" width=\"%d\" height=\"%d\" alt=\"%s\"/>", png,
        WIDTH, HEIGHT, HtmlReport.escape(alt));
  }

  /** The chart as PNG bytes, SCALE times the displayed size. */
  static byte[] png(JFreeChart chart) {
    BufferedImage image =
        new BufferedImage(WIDTH * SCALE, HEIGHT * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(SCALE, SCALE);
      chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding of a chart failed: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static XYBarRenderer bars(Color color) {
    XYBarRenderer renderer = new XYBarRenderer(0.04);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setSeriesPaint(0, new Color(color.getRed(), color.getGreen(), color.getBlue(), 170));
    return renderer;
  }

  /** A dashed horizontal line labelled at its left end. */
  private static ValueMarker reference(double y, Color color, String label) {
    ValueMarker marker = new ValueMarker(y, color, DASHED);
    marker.setLabel(label);
    marker.setLabelPaint(color);
    marker.setLabelBackgroundColor(Color.WHITE);
    marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    return marker;
  }

  /** White plot area, light grid, plain title: the page's look rather than the default gray. */
  private static JFreeChart styled(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    TextTitle title = chart.getTitle();
    title.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(GRAY);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
    } else if (plot instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(GRID);
      CategoryAxis axis = category.getDomainAxis();
      axis.setCategoryMargin(0.3);
      axis.setMaximumCategoryLabelWidthRatio(1f);
    }
    return chart;
  }
}
