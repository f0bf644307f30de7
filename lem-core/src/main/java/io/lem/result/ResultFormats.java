package io.lem.result;

import java.util.List;
import java.util.Locale;

/**
 * Every file lem writes as a result, each with its one writer and its one reader, chosen by name. The coming report,
 * export and compare, and {@code lem verify}, read results only through these.
 */
public final class ResultFormats {

    /** An experiment's result.json (lem run). */
    public static final ResultJson RESULT = new ResultJson();
    /** One row per request, appended as they end (lem run and lem load). */
    public static final RequestsJsonl REQUESTS = new RequestsJsonl();
    /** One row per measured OK request: phase windows and attributed energy (lem run). */
    public static final RequestEnergyJsonl REQUEST_ENERGY = new RequestEnergyJsonl();
    /** The power trace, one row per sample (lem run, lem load --meters, lem power log). */
    public static final PowerCsv POWER = new PowerCsv();
    /** lem load's summary.json. */
    public static final SummaryJson SUMMARY = new SummaryJson();
    /** A study directory's study.json: its experiments and their statuses. */
    public static final StudyJson STUDY = new StudyJson();

    private static final List<ResultFormat<?, ?>> ALL = List.of(RESULT, REQUESTS, REQUEST_ENERGY, POWER, SUMMARY, STUDY);

    private ResultFormats() {
    }

    public static List<ResultFormat<?, ?>> all() {
        return ALL;
    }

    /**
     * The format with this short name ({@code power}) or file name ({@code power.csv}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static ResultFormat<?, ?> byName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(f -> f.name().equals(key) || f.fileName().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result format '" + name + "'; use one of "
                        + String.join(", ", ALL.stream().map(ResultFormat::name).toList())));
    }
}
