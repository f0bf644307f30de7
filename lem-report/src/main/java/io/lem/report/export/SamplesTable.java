package io.lem.report.export;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lem.meter.Quantity;
import io.lem.result.PowerTable;
import io.lem.result.ResultFormats;

/**
 * power.csv in long form. {@value TidyTables#SAMPLES}: one row per (sample time, energy domain) holding a number,
 * the domain's cumulative counter ({@code energy_j}) or its power reading ({@code power_w}), with whether it is
 * part of the run's total and how it was measured. {@value TidyTables#GAUGES}: one row per gauge reading
 * (temperature, utilisation, a second power reading), its unit in the gauge's name ({@code gpu0:temperature_c}).
 */
final class SamplesTable {

    private static final List<Column> SAMPLES = columns(List.of(new Column("t_s", ColumnType.DOUBLE),
            new Column("domain", ColumnType.STRING), new Column("energy_j", ColumnType.DOUBLE),
            new Column("power_w", ColumnType.DOUBLE), new Column("in_total", ColumnType.BOOLEAN),
            new Column("method", ColumnType.STRING)));
    private static final List<Column> GAUGES = columns(List.of(new Column("t_s", ColumnType.DOUBLE),
            new Column("gauge", ColumnType.STRING), new Column("value", ColumnType.DOUBLE)));

    private SamplesTable() {
    }

    private static List<Column> columns(List<Column> own) {
        List<Column> c = new ArrayList<>(TidyTables.IDS);
        c.addAll(own);
        return c;
    }

    /** The {@value TidyTables#SAMPLES} and {@value TidyTables#GAUGES} tables, each run's power.csv read once. */
    static List<Table> of(List<Run> runs) {
        Table.Builder samples = new Table.Builder(TidyTables.SAMPLES, "one row per power.csv sample of each energy"
                + " domain", SAMPLES);
        Table.Builder gauges = new Table.Builder(TidyTables.GAUGES, "one row per gauge reading of power.csv (unit in"
                + " the gauge's name)", GAUGES);
        for (Run run : runs) {
            if (run.measured() && Files.isRegularFile(ResultFormats.POWER.in(run.dir()))) {
                PowerTable power = ResultFormats.POWER.readIn(run.dir());
                samples(run, power, samples);
                gauges(run, power, gauges);
            }
        }
        return List.of(samples.build(), gauges.build());
    }

    private static void samples(Run run, PowerTable power, Table.Builder rows) {
        Set<String> total = Set.copyOf(run.result() != null ? run.result().methods().totalDomainIds()
                : run.summary().energy() == null ? List.of() : run.summary().energy().totalDomainIds());
        Map<String, String> methods = new LinkedHashMap<>();
        if (run.result() != null) {
            run.result().methods().domains().forEach(d -> methods.put(d.id(), d.method()));
        }
        Map<String, List<Integer>> domains = new LinkedHashMap<>();
        for (int c = 0; c < power.columns().size(); c++) {
            if (power.quantity(c) != Quantity.GAUGE) {
                domains.computeIfAbsent(power.domainId(c), k -> new ArrayList<>()).add(c);
            }
        }
        for (int i = 0; i < power.rows(); i++) {
            for (var domain : domains.entrySet()) {
                Map<String, Object> row = run.ids();
                boolean any = false;
                for (int c : domain.getValue()) {
                    double v = power.values()[c][i];
                    if (Double.isFinite(v)) {
                        row.put(power.quantity(c) == Quantity.ENERGY_J ? "energy_j" : "power_w", v);
                        any = true;
                    }
                }
                if (any) {
                    row.put("t_s", power.timesS()[i]);
                    row.put("domain", domain.getKey());
                    row.put("in_total", total.contains(domain.getKey()));
                    row.put("method", methods.get(domain.getKey()));
                    rows.add(row);
                }
            }
        }
    }

    private static void gauges(Run run, PowerTable power, Table.Builder rows) {
        for (int c = 0; c < power.columns().size(); c++) {
            if (power.quantity(c) != Quantity.GAUGE) {
                continue;
            }
            for (int i = 0; i < power.rows(); i++) {
                double v = power.values()[c][i];
                if (Double.isFinite(v)) {
                    Map<String, Object> row = run.ids();
                    row.put("t_s", power.timesS()[i]);
                    row.put("gauge", power.columns().get(c));
                    row.put("value", v);
                    rows.add(row);
                }
            }
        }
    }
}
