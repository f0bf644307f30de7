package io.lem.report.export;

import java.nio.file.Path;
import java.util.Map;

import io.lem.result.ResultFile;
import io.lem.result.StudyFile;
import io.lem.result.SummaryFile;
import tools.jackson.databind.node.ObjectNode;

/**
 * One (point, cycle) run as found on disk, with the ids that link every table's rows to it.
 *
 * @param study      the study's name; null for lem load's output
 * @param resultsDir the results directory, relative to the root searched ("." for the root itself)
 * @param pointHash  the point's config hash; null for lem load's output (no config)
 * @param runDir     the run's own directory, relative to {@code resultsDir}
 * @param config     the point's resolved config by dotted key; empty for lem load
 * @param status     done, failed, pending, ... (the study's word for it)
 * @param result     result.json, with its tree for the fields the typed view leaves out; null when absent
 * @param summary    lem load's summary.json; null otherwise
 * @param studyPoint the point as study.json has it (publishable, validity); null outside a planned study
 */
record Run(String study, String resultsDir, int pointIndex, String pointHash, String pointDir, int cycle,
           String runDir, Path dir, Map<String, Object> config, Map<String, Object> keys, String status,
           ResultFile result, ObjectNode resultTree, SummaryFile summary,
           StudyFile.Point studyPoint) {

    boolean measured() {
        return result != null || summary != null;
    }

    /** The ids every table starts with, in column order. */
    Map<String, Object> ids() {
        Map<String, Object> ids = new java.util.LinkedHashMap<>();
        ids.put(TidyTables.STUDY, study);
        ids.put(TidyTables.RESULTS_DIR, resultsDir);
        ids.put(TidyTables.POINT_HASH, pointHash);
        ids.put(TidyTables.CYCLE, cycle);
        return ids;
    }
}
