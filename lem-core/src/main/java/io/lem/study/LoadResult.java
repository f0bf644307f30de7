package io.lem.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lem.analysis.latency.LoadSummary;
import io.lem.load.LoadRecord;

/**
 * The outcome of one load run, as written to its files.
 *
 * @param records      every request, warm-up and cool-down included, in completion order
 * @param summary      the latency and throughput figures of the measured requests
 * @param energy       summary.json's energy section, or null without meters
 * @param requestsFile requests.jsonl
 * @param summaryFile  summary.json
 * @param allFailed    the line that says every measured request failed, when they all did
 */
public record LoadResult(List<LoadRecord> records, LoadSummary summary, Map<String, Object> energy,
                         Path requestsFile, Path summaryFile, Optional<String> allFailed) {

    public LoadResult {
        records = List.copyOf(records);
    }
}
