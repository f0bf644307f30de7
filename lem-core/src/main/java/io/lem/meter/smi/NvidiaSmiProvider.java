package io.lem.meter.smi;

import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nvidia-smi}: {@link NvidiaSmiMeter} over the binary named by {@code LEM_NVIDIA_SMI}, else the first
 * {@code nvidia-smi} on {@code PATH}; streaming interval {@code LEM_NVIDIA_SMI_INTERVAL_MS} (default 100). Available
 * when the binary exists; whether auto prefers NVML is the selector's order, not this provider's business.
 */
public final class NvidiaSmiProvider implements MeterProvider {

    static final String BINARY_VARIABLE = "LEM_NVIDIA_SMI";
    static final String INTERVAL_VARIABLE = "LEM_NVIDIA_SMI_INTERVAL_MS";
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final Map<String, String> env;
    private final Clock clock;

    public NvidiaSmiProvider() {
        this(System.getenv(), Clock.system());
    }

    public NvidiaSmiProvider(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public Probe probe(MeterContext context) {
        try {
            interval();
        } catch (MeterException e) {
            return Probe.unavailable(e.getMessage(), null);
        }
        return binary().map(b -> Probe.available("nvidia-smi at " + b + " (power.draw is a 1 s average on Ampere"
                        + " and newer; prefer NVML)"))
                .orElseGet(() -> Probe.unavailable(env.containsKey(BINARY_VARIABLE)
                                ? BINARY_VARIABLE + "='" + env.get(BINARY_VARIABLE) + "' is not an executable file"
                                : "nvidia-smi not found on PATH",
                        "install the NVIDIA driver utilities or set " + BINARY_VARIABLE + " to nvidia-smi's path"));
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        Path binary = binary().orElseThrow(() -> new MeterException(probe(context).reason() + ": install the"
                + " NVIDIA driver utilities or set " + BINARY_VARIABLE + " to nvidia-smi's path"));
        return NvidiaSmiMeter.open(binary, interval(), clock);
    }

    private Optional<Path> binary() {
        String explicit = env.get(BINARY_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit.strip());
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "nvidia-smi");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private Duration interval() throws MeterException {
        String text = env.get(INTERVAL_VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        try {
            long ms = Long.parseLong(text.strip());
            if (ms >= 1 && ms <= 60_000) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new MeterException(INTERVAL_VARIABLE + "='" + text + "' must be whole milliseconds in [1, 60000]");
    }
}
