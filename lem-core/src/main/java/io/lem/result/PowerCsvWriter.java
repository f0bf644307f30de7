package io.lem.result;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lem.meter.Domain;
import io.lem.meter.Quantity;
import io.lem.meter.SampleListener;

/**
 * Writes the power trace as it is sampled, in the {@link PowerCsv} format: one row per sample, {@code t_s} (seconds
 * since the run's clock anchor) then one column per domain: {@code <id>_energy_j} (cumulative, unwrapped) for
 * counters, {@code <id>_power_w} for power sensors, {@code <id>} for gauges (the id ends with its unit); a missing
 * sample (NaN) is an empty cell. Flushed about once a second, so a crash loses at most the last second.
 */
public final class PowerCsvWriter implements SampleListener, AutoCloseable {

    private final BufferedWriter out;
    private final long anchorNs;
    private final StringBuilder line = new StringBuilder(256);
    private long lastFlushNs;

    public PowerCsvWriter(Path file, long anchorNs) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.anchorNs = anchorNs;
    }

    /** The column header for a domain ({@link PowerCsv#column}). */
    public static String column(Domain domain) {
        return PowerCsv.column(domain);
    }

    @Override
    public void onStart(List<Domain> domains) {
        line.setLength(0);
        line.append(PowerCsv.TIME);
        for (Domain domain : domains) {
            line.append(',').append(PowerCsv.column(domain));
        }
        writeLine(true);
    }

    @Override
    public void onSample(long timeNs, double[] row) {
        line.setLength(0);
        line.append(Double.toString((timeNs - anchorNs) / 1e9));
        for (double value : row) {
            PowerCsv.appendCell(line, value);
        }
        boolean flush = timeNs - lastFlushNs > 1_000_000_000L;
        if (flush) {
            lastFlushNs = timeNs;
        }
        writeLine(flush);
    }

    private void writeLine(boolean flush) {
        try {
            out.append(line).append('\n');
            if (flush) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
