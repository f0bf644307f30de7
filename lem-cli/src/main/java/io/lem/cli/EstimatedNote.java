package io.lem.cli;

import java.io.PrintWriter;
import java.util.List;

import io.lem.report.export.Table;
import io.lem.report.export.TidyTables;

/** The line that labels estimated energy wherever exported or queried figures may carry it (on stderr). */
final class EstimatedNote {

    private EstimatedNote() {
    }

    static void print(TidyTables tables, PrintWriter err) {
        Table cycles = tables.table(TidyTables.CYCLES);
        List<Object> flags = cycles.column("energy_estimated");
        long estimated = flags.stream().filter(Boolean.TRUE::equals).count();
        if (estimated > 0) {
            err.println("note: the energy of " + estimated + " of " + flags.stream().filter(f -> f != null).count()
                    + " measured runs is (in part) estimated, not read from a counter (cycles.energy_estimated,"
                    + " points.energy_estimated, samples.method = 'estimate')");
            err.flush();
        }
    }
}
