package io.lem.report.html;

import static io.lem.report.model.Format.num;
import static io.lem.report.html.Html.text;

import java.util.List;
import java.util.Map;

import io.lem.report.model.Format;
import io.lem.report.model.PointRow;

/** The table of points: J/output token with its CI, throughput, latency percentiles, meter, validity, warnings. */
final class PointsTable {

    private PointsTable() {
    }

    static void append(StringBuilder h, List<PointRow> points) {
        h.append("<section id=\"points\">\n<h2>Points</h2>\n<p>J/output token: mean over cycles with its 95% CI where the "
                + "study has cycles (Student t below 10 cycles, BCa bootstrap from 10). Latency percentiles pool every measured OK request of the point's "
                + "cycles (requests.jsonl); ITL is the gap between consecutive streamed chunks.</p>\n<div class=\"wide\"><table>\n<tr>"
                + "<th>#</th><th>hash</th><th>point</th><th>J/output token [95% CI]</th><th>output tok/s</th>"
                + "<th>TTFT p50 / p90 / p99 (ms)</th><th>ITL p50 / p90 / p99 (ms)</th><th>E2E p50 / p90 / p99 (ms)"
                + "</th><th>meter</th><th>validity</th><th>warnings</th></tr>\n");
        for (PointRow p : points) {
            h.append("<tr><td class=\"num\">").append(p.index()).append("</td><td><code>").append(text(p.hash()))
                    .append("</code></td><td>").append(text(p.label())).append(" <small>(").append(p.runs().size())
                    .append(p.runs().size() == 1 ? " run" : " runs").append(")</small></td><td class=\"num\">")
                    .append(text(Format.ci(p.joulesPerOutputToken())));
            if (p.estimated()) {
                h.append(" <span class=\"badge estimated\">estimated</span>");
            }
            h.append("</td><td class=\"num\">").append(num(p.tokensPerSecond().mean())).append("</td>");
            for (String l : List.of("ttft", "itl", "e2e")) {
                h.append("<td class=\"num\">").append(percentiles(p.latencyMs(), l)).append("</td>");
            }
            h.append("<td><span class=\"badge ").append(p.estimated() ? "estimated\">estimated" : "measured\">measured")
                    .append("</span> ").append(text(p.meter())).append("</td><td>").append(validity(p))
                    .append("</td><td>").append(warnings(p.warnings())).append("</td></tr>\n");
        }
        h.append("</table></div>\n</section>\n");
    }

    private static String percentiles(Map<String, Double> latency, String name) {
        return num(latency.get(name + "_p50")) + " / " + num(latency.get(name + "_p90")) + " / "
                + num(latency.get(name + "_p99"));
    }

    private static String validity(PointRow p) {
        String reasons = p.reasons().isEmpty() ? "" : ": " + text(String.join(", ", p.reasons()));
        if (p.publishable() == null) {
            return "not checked" + reasons;
        }
        return p.publishable() ? "<span class=\"good\">publishable</span>" + reasons
                : "<span class=\"bad\">not publishable</span>" + reasons;
    }

    private static String warnings(List<String> warnings) {
        if (warnings.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder("<details><summary>").append(warnings.size())
                .append(warnings.size() == 1 ? " warning" : " warnings").append("</summary><ul>");
        warnings.forEach(w -> b.append("<li>").append(text(w)).append("</li>"));
        return b.append("</ul></details>").toString();
    }
}
