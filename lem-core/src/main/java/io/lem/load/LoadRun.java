package io.lem.load;

import java.util.List;

/**
 * A finished load: every request in completion order, and what generating it cost.
 *
 * @param generator the generator's own CPU time and its estimated energy (summary.json's {@code load_generator};
 *                  a caller writing result.json takes it from here)
 */
public record LoadRun(List<LoadRecord> records, LoadGenerator generator) {

    public LoadRun {
        records = List.copyOf(records);
    }
}
