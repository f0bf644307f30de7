package io.lem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.load.ArrivalProcess;
import io.lem.load.Extent;
import io.lem.load.LoadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One options path: keys (as flags and --set give them) and the Java builder make the same options records. */
class SettingsTest {

    @TempDir
    Path dir;

    private Map<String, Object> keys() throws Exception {
        Path prompts = Files.writeString(dir.resolve("q.txt"), "hello\n");
        return Map.of("load.endpoint", "http://127.0.0.1:8000", "load.model", "m", "load.prompts", prompts.toString(),
                "load.output", dir.resolve("out").toString(), "workload.concurrency", "4", "workload.requests", "100",
                "measurement.meters", "auto");
    }

    @Test
    void theBuilderAndTheKeysMakeTheSameLoadOptions() throws Exception {
        LoadOptions fromKeys = LoadOptions.from(Settings.resolve(Settings.LOAD, "lem load", keys()));
        LoadOptions built = LoadOptions.builder().endpoint(URI.create("http://127.0.0.1:8000")).model("m")
                .prompts(dir.resolve("q.txt")).output(dir.resolve("out")).concurrency(4).requests(100)
                .meters(List.of("auto")).build();
        assertThat(built).isEqualTo(fromKeys);
        assertThat(built.arrival()).isEqualTo(new ArrivalProcess.Closed(4));
    }

    @Test
    void requestsCountTheMeasuredRequestsAndEveryOtherValueIsTheOneDefault() throws Exception {
        LoadOptions o = LoadOptions.from(Settings.resolve(Settings.LOAD, "lem load", keys()));
        // workload.requests counts measured requests in lem load as in a study: the warm-up comes on top
        assertThat(o.shape().stop()).isEqualTo(new Extent.Requests(100 + Defaults.WARMUP_REQUESTS));
        assertThat(o.shape().warmup()).isEqualTo(new Extent.Requests(Defaults.WARMUP_REQUESTS));
        assertThat(o.energy().baselineS()).isEqualTo(Defaults.BASELINE_S);
        assertThat(o.energy().sampleRateHz()).isEqualTo(Defaults.SAMPLE_RATE_HZ);
        assertThat(o.maxOutputTokens()).isEqualTo(Defaults.WORKLOAD_MAX_OUTPUT_TOKENS);
        assertThat(o.client().timeout().toMillis()).isEqualTo((long) (Defaults.WORKLOAD_REQUEST_TIMEOUT_S * 1000));
        assertThat(o.settings()).containsEntry("host.powercap_root", Defaults.POWERCAP_ROOT);
    }

    @Test
    void powerOptionsShareTheSampleRateKeyAndItsRange() {
        PowerOptions p = PowerOptions.of(Map.of());
        assertThat(p.sampleRateHz()).isEqualTo(Defaults.SAMPLE_RATE_HZ);
        assertThat(p.baselineS()).isEqualTo(Defaults.POWER_MEASURE_BASELINE_S);
        assertThat(p.powercapRoot()).isEqualTo(Path.of(Defaults.POWERCAP_ROOT));
        assertThatThrownBy(() -> PowerOptions.of(Map.of("measurement.sample_rate_hz", "5000")))
                .hasMessageStartingWith("measurement.sample_rate_hz: 5000 is out of range");
        assertThatThrownBy(() -> ExperimentConfig.resolve(1, Map.of("measurement.sample_rate_hz", "5000")))
                .hasMessageStartingWith("measurement.sample_rate_hz: 5000 is out of range");
    }

    @Test
    void aKeyOfAnotherCommandIsOneLineNamingIt() {
        assertThatThrownBy(() -> PowerOptions.of(Map.of("workload.requests", "3")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("workload.requests: is not a setting of lem power");
        assertThatThrownBy(() -> ExperimentConfig.resolve(1, Map.of("load.endpoint", "http://x")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("load.endpoint: is not a study setting");
        assertThatThrownBy(() -> Settings.resolve(Settings.LOAD, "lem load", Map.of("load.nosuch", "1")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("load.nosuch: unknown key");
    }

    @Test
    void loadAndPowerKeysStayOutOfAnExperimentsConfigAndHash() {
        assertThat(ConfigSchema.defaults().keySet()).allMatch(ConfigSchema::isExperimentKey)
                .noneMatch(k -> k.startsWith("load.") || k.startsWith("power.") || k.startsWith("host."));
        assertThat(ConfigSchema.keys().keySet()).contains("load.endpoint", "power.baseline_s", "host.proc_root");
    }
}
