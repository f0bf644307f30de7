package io.lem.report.query;

import io.lem.report.export.Column;
import io.lem.report.export.Table;
import io.lem.report.export.TidyTables;

/** {@code lem query --tables}: every table, what one row is, and each column with its type and unit. */
public final class TableListing {

    private TableListing() {
    }

    public static String text(TidyTables tables) {
        StringBuilder out = new StringBuilder();
        for (Table table : tables.tables()) {
            out.append(table.name()).append(" (").append(table.rows().size()).append(" rows): ")
                    .append(table.description()).append('\n');
            int width = table.columns().stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (Column c : table.columns()) {
                String line = "  " + c.name() + " ".repeat(width - c.name().length()) + "  "
                        + String.format(java.util.Locale.ROOT, "%-7s", c.type().sqlType()) + "  " + c.unit();
                out.append(line.stripTrailing()).append('\n');
            }
            out.append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }
}
