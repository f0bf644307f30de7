/**
 * Tidy tables of a results directory (points, cycles, requests, samples, engine metrics), read from the files on
 * disk through lem-core's readers, and their CSV, JSONL and Parquet exports.
 */
package io.lem.report.export;
