package io.lem.report.compare;

import java.util.List;

/** Rows of cells as left-aligned columns two spaces apart. */
final class Aligned {

    private Aligned() {
    }

    static String of(List<List<String>> rows) {
        int[] width = new int[rows.getFirst().size()];
        rows.forEach(r -> {
            for (int c = 0; c < r.size(); c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                line.append(c == 0 ? "" : "  ").append(r.get(c)).append(" ".repeat(width[c] - r.get(c).length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
