package io.lem.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** PNG and SVG of a chart: they exist, decode and parse, carry the axis labels with units and tell series apart. */
class FiguresTest {

    @TempDir
    Path tmp;

    private static ChartSpec threeSeries() {
        double[] x = {0, 1, 2, 3};
        return new ChartSpec("t-chart", "Power over time (estimated)", ChartSpec.Axis.of("time (s)"),
                ChartSpec.Axis.of("power (W)"), List.of(
                ChartSpec.Series.of("cpu", ChartSpec.Kind.LINE, x, new double[] {5, 6, 7, 6}),
                ChartSpec.Series.of("gpu0", ChartSpec.Kind.LINE, x, new double[] {50, 80, 90, 60}),
                new ChartSpec.Series("points", ChartSpec.Kind.LINE_MARKERS, x, new double[] {20, 21, 22, 23},
                        new double[] {19, 20, 21, 22}, new double[] {21, 22, 23, 24}, false)),
                List.of(new ChartSpec.Band("baseline", 0, 1), new ChartSpec.Band("prefill", 1.5, 1.7)));
    }

    @Test
    void pngDecodesAndSvgParsesWithTheAxisLabelsAndDistinctDashes() throws Exception {
        List<Path> files = Figures.write(threeSeries(), tmp);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("t-chart.png", "t-chart.svg");

        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertThat(png.getWidth()).isEqualTo(Figures.WIDTH);
        assertThat(png.getHeight()).isEqualTo(Figures.HEIGHT);
        assertThat(distinctColours(png)).isGreaterThan(8);

        Document svg = parse(files.get(1));
        StringBuilder text = new StringBuilder();
        NodeList texts = svg.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            text.append(texts.item(i).getTextContent()).append('\n');
        }
        assertThat(text).contains("time (s)", "power (W)", "Power over time (estimated)", "cpu", "gpu0", "baseline");
        // greyscale: the line series differ by dash pattern, not only colour (the grid has one pattern of its own)
        Set<String> dashes = new HashSet<>();
        NodeList paths = svg.getElementsByTagName("*");
        for (int i = 0; i < paths.getLength(); i++) {
            String style = paths.item(i).getAttributes().getNamedItem("style") == null ? ""
                    : paths.item(i).getAttributes().getNamedItem("style").getNodeValue();
            int at = style.indexOf("stroke-dasharray:");
            if (at >= 0) {
                dashes.add(style.substring(at, style.indexOf(';', at) < 0 ? style.length() : style.indexOf(';', at)));
            }
        }
        assertThat(dashes).as(dashes.toString()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theSameSpecGivesTheSameBytes() throws IOException {
        List<Path> a = Figures.write(threeSeries(), tmp.resolve("a").toFile().mkdirs() ? tmp.resolve("a") : null);
        List<Path> b = Figures.write(threeSeries(), tmp.resolve("b").toFile().mkdirs() ? tmp.resolve("b") : null);
        for (int i = 0; i < a.size(); i++) {
            assertThat(java.nio.file.Files.mismatch(a.get(i), b.get(i))).as(a.get(i).toString()).isEqualTo(-1L);
        }
    }

    static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
