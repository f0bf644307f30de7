package io.lem.result;

import static io.lem.result.JsonFiles.number;
import static io.lem.result.JsonFiles.whole;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** request_energy.jsonl: one {@link RequestEnergyRow} per measured OK request, written once the analysis is done. */
public final class RequestEnergyJsonl extends NamedFormat<List<RequestEnergyRow>, List<RequestEnergyRow>> {

    public static final String FILE = "request_energy.jsonl";

    public static final String ID = "id";
    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String COMPLETION_TOKENS = "completion_tokens";
    public static final String WINDOW_ENERGY_J = "window_energy_j";
    public static final String TTFT_WINDOW_ENERGY_J = "ttft_window_energy_j";
    public static final String DECODE_WINDOW_ENERGY_J = "decode_window_energy_j";
    public static final String CLOSURE_ERROR_J = "closure_error_j";
    public static final String TTFT_WINDOW_BELOW_SAMPLE_PERIOD = "ttft_window_below_sample_period";
    public static final String TOKEN_PROPORTIONAL_J = "token_proportional_j";
    public static final String TIME_SHARING_J = "time_sharing_j";

    RequestEnergyJsonl() {
        super("request_energy", FILE);
    }

    public static Map<String, Object> toJson(RequestEnergyRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ID, r.id());
        row.put(PROMPT_TOKENS, r.promptTokens());
        row.put(COMPLETION_TOKENS, r.completionTokens());
        row.put(WINDOW_ENERGY_J, r.windowEnergyJ());
        row.put(TTFT_WINDOW_ENERGY_J, r.ttftWindowEnergyJ());
        row.put(DECODE_WINDOW_ENERGY_J, r.decodeWindowEnergyJ());
        row.put(CLOSURE_ERROR_J, r.closureErrorJ());
        row.put(TTFT_WINDOW_BELOW_SAMPLE_PERIOD, r.ttftWindowBelowSamplePeriod());
        row.put(TOKEN_PROPORTIONAL_J, r.tokenProportionalJ());
        row.put(TIME_SHARING_J, r.timeSharingJ());
        return row;
    }

    public static RequestEnergyRow fromJson(JsonNode n) {
        return new RequestEnergyRow(n.path(ID).asLong(), whole(n, PROMPT_TOKENS), whole(n, COMPLETION_TOKENS),
                number(n, WINDOW_ENERGY_J), number(n, TTFT_WINDOW_ENERGY_J), number(n, DECODE_WINDOW_ENERGY_J),
                number(n, CLOSURE_ERROR_J), n.path(TTFT_WINDOW_BELOW_SAMPLE_PERIOD).asBoolean(false),
                number(n, TOKEN_PROPORTIONAL_J), number(n, TIME_SHARING_J));
    }

    @Override
    public void write(Path file, List<RequestEnergyRow> rows) throws IOException {
        JsonFiles.writeLines(file, rows.stream().map(RequestEnergyJsonl::toJson).toList());
    }

    @Override
    public List<RequestEnergyRow> read(Path file) {
        return JsonFiles.readLines(file, RequestEnergyJsonl::fromJson);
    }
}
