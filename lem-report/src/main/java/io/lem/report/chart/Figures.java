package io.lem.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.lem.result.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link ChartSpec} with JFreeChart into PNG and SVG for papers. Readable in greyscale: every series has its
 * own dash pattern and marker shape, not only its colour; bands are light grey with their name.
 */
public final class Figures {

    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {14f, 6f}, {4f, 2f, 4f, 6f}};
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf)};
    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    static {
        // JFreeChart draws rotated text (the y axis label) as glyph outlines by default, for a JDK 1.3 bug: the SVG
        // would then have no text to search or select. Plain drawString renders rotated text right on JDK 25.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Figures() {
    }

    /** Writes {@code <id>.png} and {@code <id>.svg} into {@code dir} and returns both paths. */
    public static List<Path> write(ChartSpec spec, Path dir) throws IOException {
        JFreeChart chart = chart(spec);
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        svg.setDefsKeyPrefix("lem-" + spec.id()); // the default is the time now: a regenerated figure must not differ
        chart.draw(svg, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        Path pngFile = dir.resolve(spec.id() + ".png");
        Path svgFile = dir.resolve(spec.id() + ".svg");
        AtomicFiles.write(pngFile, png.toByteArray());
        AtomicFiles.write(svgFile, svg.getSVGDocument().getBytes(StandardCharsets.UTF_8));
        return List.of(pngFile, svgFile);
    }

    static JFreeChart chart(ChartSpec spec) {
        JFreeChart chart = ChartFactory.createXYLineChart(spec.title(), spec.x().label(), spec.y().label(), null,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // a highlighted front over the points under it
        // tick labels in the root locale: a figure must not read 0,5 on one machine and 0.5 on another
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        if (!spec.x().categories().isEmpty()) {
            plot.setDomainAxis(new SymbolAxis(spec.x().label(), spec.x().categories().toArray(String[]::new)));
        } else {
            NumberAxis x = (NumberAxis) plot.getDomainAxis();
            x.setAutoRangeIncludesZero(false);
            x.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        }
        int dataset = 0;
        List<ChartSpec.Series> bars = new ArrayList<>();
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.Series s = spec.series().get(i);
            if (s.kind() == ChartSpec.Kind.BAR) {
                bars.add(s);
                continue;
            }
            plot.setDataset(dataset, dataset(s));
            plot.setRenderer(dataset++, style(renderer(s), s, i));
        }
        if (!bars.isEmpty()) {
            XYSeriesCollection c = new XYSeriesCollection();
            bars.forEach(b -> c.addSeries(series(b)));
            c.setIntervalWidth(0.8);
            ClusteredXYBarRenderer r = new ClusteredXYBarRenderer();
            r.setBarPainter(new StandardXYBarPainter());
            r.setShadowVisible(false);
            r.setDrawBarOutline(true);
            for (int b = 0; b < bars.size(); b++) {
                // greyscale: dark and light fills with a black outline tell the bars apart without colour
                r.setSeriesPaint(b, b % 2 == 0 ? new Color(0x444444) : new Color(0xbbbbbb));
                r.setSeriesOutlinePaint(b, Color.BLACK);
            }
            plot.setDataset(dataset, c);
            plot.setRenderer(dataset, r);
        }
        for (ChartSpec.Band b : spec.bands()) {
            IntervalMarker m = new IntervalMarker(b.fromX(), b.toX(), new Color(0, 0, 0, b.label().equals("prefill")
                    ? 22 : 14));
            if (!b.label().equals("prefill")) {
                m.setLabel(b.label());
                m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                // the steady state starts where the measured window does: its label goes below, not on top
                boolean below = b.label().equals("steady state");
                m.setLabelAnchor(below ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(below ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
            }
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        return chart;
    }

    private static XYSeries series(ChartSpec.Series s) {
        XYSeries x = new XYSeries(s.name(), false, true);
        for (int i = 0; i < s.size(); i++) {
            x.add(s.x()[i], s.y()[i]);
        }
        return x;
    }

    private static org.jfree.data.xy.XYDataset dataset(ChartSpec.Series s) {
        if (s.low() == null) {
            return new XYSeriesCollection(series(s));
        }
        YIntervalSeries y = new YIntervalSeries(s.name(), false, true);
        for (int i = 0; i < s.size(); i++) {
            y.add(s.x()[i], s.y()[i], s.low()[i], s.high()[i]);
        }
        YIntervalSeriesCollection c = new YIntervalSeriesCollection();
        c.addSeries(y);
        return c;
    }

    private static XYItemRenderer renderer(ChartSpec.Series s) {
        boolean lines = s.kind() != ChartSpec.Kind.SCATTER;
        boolean shapes = s.kind() != ChartSpec.Kind.LINE || s.size() < 30;
        if (s.low() != null) {
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDrawXError(false);
            r.setCapLength(6);
            r.setDefaultLinesVisible(lines);
            r.setDefaultShapesVisible(true);
            return r;
        }
        return new XYLineAndShapeRenderer(lines, shapes);
    }

    private static XYItemRenderer style(XYItemRenderer r, ChartSpec.Series s, int i) {
        float width = s.highlight() ? 3f : 1.6f;
        float[] dash = s.highlight() ? null : DASHES[i % DASHES.length];
        r.setSeriesStroke(0, dash == null ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        r.setSeriesPaint(0, s.highlight() ? Color.BLACK : COLOURS[i % COLOURS.length]);
        r.setSeriesShape(0, s.highlight() ? new Ellipse2D.Double(-6, -6, 12, 12) : SHAPES[i % SHAPES.length]);
        return r;
    }
}
