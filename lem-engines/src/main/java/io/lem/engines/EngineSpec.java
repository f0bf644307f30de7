package io.lem.engines;

import java.util.List;
import java.util.Objects;

/**
 * What lem needs to know to run one kind of serving engine: how to start it, where it answers, how its flags are
 * spelled and which of them is its batch limit B. One constant per engine lives in its driver, with the source of
 * every fact in a comment there.
 *
 * @param type          {@code engine.type} and the name of its own key section ({@code engine.<type>.*})
 * @param displayName   the name results carry
 * @param executable    the program run when {@code engine.<type>.executable} is unset
 * @param leadingArgs   what follows the executable before the model: {@code serve} for {@code vllm serve}
 * @param modelFlag     the flag before the model ({@code --model-path}), or null when the model is positional
 * @param hostFlag      the flag of the listen address
 * @param portFlag      the flag of the port
 * @param healthPath    answers 200 once the engine serves requests
 * @param metricsPath   its Prometheus (or, for trtllm-serve, JSON) metrics path; null when it has none
 * @param style         how study keys become flags
 * @param batchKeys     the keys of the engine's section that set B, the first one set wins
 * @param batchDefault  B when none of them is set: the engine's documented default, 0 when it has none (chosen at
 *                      run time from memory or hardware)
 * @param documented    the flags lem knows from the engine's docs (others still pass through unchecked)
 */
public record EngineSpec(String type, String displayName, String executable, List<String> leadingArgs,
                         String modelFlag, String hostFlag, String portFlag, String healthPath, String metricsPath,
                         FlagStyle style, List<String> batchKeys, int batchDefault, List<String> documented) {

    public EngineSpec {
        Objects.requireNonNull(type, "type");
        leadingArgs = List.copyOf(leadingArgs);
        batchKeys = List.copyOf(batchKeys);
        documented = List.copyOf(documented);
    }

    /** The full key of one of its section's keys: {@code engine.vllm.max_num_seqs}. */
    public String key(String name) {
        return "engine." + type + "." + name;
    }
}
