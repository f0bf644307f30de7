package io.lem.load;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.lem.client.ClientOptions;
import io.lem.client.InferenceClient;
import io.lem.client.WireProtocol;
import io.lem.time.Clock;

/**
 * Where a load goes and how it is spoken.
 *
 * @param api      an API name from {@link io.lem.client.Clients#APIS}
 * @param options  endpoint, model, timeout, streaming
 * @param fallback the blocking client, used only where the event loop does not speak the transport (HTTPS)
 * @param cpuinfo  {@code /proc/cpuinfo}, for the estimate of the generator's energy
 */
public record LoadTarget(String api, ClientOptions options, InferenceClient fallback, Path cpuinfo) {

    public LoadTarget {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fallback, "fallback");
        cpuinfo = cpuinfo == null ? Path.of("/proc/cpuinfo") : cpuinfo;
    }

    public LoadTarget(String api, ClientOptions options, InferenceClient fallback) {
        this(api, options, fallback, null);
    }

    Optional<WireProtocol> wire(Clock clock, LoadWatch watch) {
        return WireProtocol.of(api, options, clock, watch::chunk);
    }
}
