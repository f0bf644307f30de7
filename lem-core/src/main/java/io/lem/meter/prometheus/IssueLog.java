package io.lem.meter.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The odd lines of an exporter's scrapes, kept once per kind of problem rather than once per scrape: a meter scrapes
 * many times a second and an exporter repeats the same odd line every time, so the warning must say it once, with
 * how often it was seen. Written by the scrape thread, read after sampling: synchronized.
 */
final class IssueLog {

    /** Distinct problems kept; more would only repeat the message with other values in it. */
    static final int MAX_KINDS = 20;

    private record Kind(LineIssue first, int linesInFirstScrape, int scrapes) {
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private int scrapes;
    private int droppedKinds;

    synchronized void record(List<LineIssue> issues) {
        scrapes++;
        Map<String, Integer> linesByProblem = new LinkedHashMap<>();
        Map<String, LineIssue> firstByProblem = new LinkedHashMap<>();
        for (LineIssue issue : issues) {
            String key = (issue.skipped() ? "skipped: " : "kept: ") + issue.problem();
            linesByProblem.merge(key, 1, Integer::sum);
            firstByProblem.putIfAbsent(key, issue);
        }
        for (Map.Entry<String, LineIssue> e : firstByProblem.entrySet()) {
            Kind known = kinds.get(e.getKey());
            if (known != null) {
                kinds.put(e.getKey(), new Kind(known.first(), known.linesInFirstScrape(), known.scrapes() + 1));
            } else if (kinds.size() < MAX_KINDS) {
                kinds.put(e.getKey(), new Kind(e.getValue(), linesByProblem.get(e.getKey()), 1));
            } else {
                droppedKinds++;
            }
        }
    }

    /** One line per kind of problem: the first line seen, how many like it, in how many scrapes. */
    synchronized List<String> warnings(String source) {
        List<String> out = new ArrayList<>();
        for (Kind k : kinds.values()) {
            int more = k.linesInFirstScrape() - 1;
            out.add(source + ": " + k.first().message() + (more > 0 ? " (and " + more + " more line(s) like it)" : "")
                    + "; in " + k.scrapes() + " of " + scrapes + " scrape(s)");
        }
        if (droppedKinds > 0) {
            out.add(source + ": " + droppedKinds + " further kind(s) of odd line not listed (over " + MAX_KINDS + ")");
        }
        return out;
    }
}
