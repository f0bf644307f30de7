package io.lem.report.html;

import static io.lem.report.model.Format.num;
import static io.lem.report.html.Html.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.report.chart.ChartSpec;
import io.lem.report.chart.Charts;
import io.lem.report.model.ReportModel;
import io.lem.result.Json;

/**
 * report.html: one file with its chart library, script, style and data inlined, so it opens offline. Built from the
 * directory's files only, with no time of "now" in it: regenerating a report of the same directory gives the same
 * bytes.
 */
public final class HtmlPage {

    private HtmlPage() {
    }

    public static String render(ReportModel model, Charts charts, List<String> notes) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>lem report: ").append(text(model.title())).append("</title>\n<style>\n")
                .append(Assets.own("report.css")).append("</style>\n</head>\n<body>\n")
                .append("<h1>lem report: ").append(text(model.title())).append("</h1>\n");
        definitions(h, "summary", "Summary", model.summary());
        definitions(h, "methodology", "Methodology and environment", model.methodology());
        PointsTable.append(h, model.points());
        factors(h, model.factors());
        pareto(h, model);
        h.append("<section id=\"charts\">\n<h2>Charts</h2>\n<p>Hover a point for its values. Each chart is also in "
                + "figures/ as PNG and SVG.</p>\n");
        for (ChartSpec c : charts.charts()) {
            h.append("<figure><div class=\"lem-chart\" id=\"chart-").append(c.id()).append("\" data-points=\"")
                    .append(c.points()).append("\"></div><figcaption>").append(text(c.title()))
                    .append(": <a href=\"figures/").append(c.id()).append(".png\">PNG</a>, <a href=\"figures/")
                    .append(c.id()).append(".svg\">SVG</a></figcaption></figure>\n");
        }
        h.append("</section>\n<section id=\"notes\">\n<h2>Not in this report</h2>\n");
        if (notes.isEmpty()) {
            h.append("<p>Nothing left out: every chart had data.</p>\n");
        } else {
            h.append("<ul>\n");
            notes.forEach(n -> h.append("<li>").append(text(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n<footer><p>Drawn with ECharts ").append(text(Assets.echartsVersion()))
                .append(" (Apache-2.0), inlined. Every figure is computed from this directory's files.</p></footer>\n");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", model.kind());
        data.put("charts", charts.charts().stream().map(ChartSpec::toJson).toList());
        h.append("<script type=\"application/json\" id=\"lem-data\">")
                .append(Html.scriptJson(Json.compact().writeValueAsString(data))).append("</script>\n<script>\n")
                .append(Assets.echarts()).append("\n</script>\n<script>\n").append(Assets.own("report.js"))
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void definitions(StringBuilder h, String id, String title, Map<String, String> entries) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n<dl>\n");
        entries.forEach((k, v) -> h.append("<dt>").append(text(k)).append("</dt><dd>").append(text(v))
                .append("</dd>\n"));
        h.append("</dl>\n</section>\n");
    }

    private static void factors(StringBuilder h, List<ReportModel.Factor> factors) {
        if (factors.isEmpty()) {
            return;
        }
        h.append("<section id=\"factors\">\n<h2>Factor ranking</h2>\n<p>Share of the variance of J/output token "
                + "between the levels of each factor (eta squared = SS_between / SS_total).</p>\n<table>\n<tr><th>"
                + "factor</th><th>eta&sup2;</th><th>max/min of level means</th><th>level means (J/output token)</th>"
                + "</tr>\n");
        for (ReportModel.Factor f : factors) {
            StringBuilder levels = new StringBuilder();
            for (int i = 0; i < f.levels().size(); i++) {
                levels.append(i == 0 ? "" : ", ").append(f.levels().get(i)).append(": ")
                        .append(num(f.meanJPerOutputToken().get(i)));
            }
            h.append("<tr><td>").append(text(f.name())).append("</td><td class=\"num\">").append(num(f.etaSquared()))
                    .append("</td><td class=\"num\">").append(num(f.maxMinRatio())).append("</td><td>")
                    .append(text(levels)).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void pareto(StringBuilder h, ReportModel model) {
        if (model.fronts().isEmpty() && model.slo() == null) {
            return;
        }
        h.append("<section id=\"pareto\">\n<h2>Pareto fronts and SLO choice</h2>\n<ul>\n");
        for (ReportModel.Front f : model.fronts()) {
            h.append("<li>").append(text(f.title())).append(": ").append(text(String.join(", ", f.pointHashes())))
                    .append("</li>\n");
        }
        if (model.slo() != null) {
            ReportModel.Slo s = model.slo();
            h.append("<li>lowest J/output token meeting ").append(text(s.objectives())).append(": ")
                    .append(s.selectedPoint() == null ? "no point meets them" : text(s.selectedPoint()) + " ("
                            + num(s.joulesPerOutputToken()) + " J/output token)")
                    .append(s.pointsMeeting() == null ? "" : "; " + s.pointsMeeting() + " points meet them")
                    .append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }
}
