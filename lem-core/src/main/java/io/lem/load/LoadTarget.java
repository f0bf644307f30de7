package io.lem.load;

import java.nio.file.Path;
import java.util.Objects;

import io.lem.client.ClientOptions;
import io.lem.client.Clients;
import io.lem.client.TlsTrust;
import io.lem.config.ConfigException;
import io.lem.client.WireProtocol;
import io.lem.time.Clock;

/**
 * Where a load goes and how it is spoken.
 *
 * @param api      an API name from {@link io.lem.client.Clients#APIS}
 * @param options  endpoint, model, timeout, streaming
 * @param cpuinfo  {@code /proc/cpuinfo}, for the estimate of the generator's energy
 * @param trust    which certificates an https endpoint may present (the JDK's trust store by default)
 */
public record LoadTarget(String api, ClientOptions options, Path cpuinfo, TlsTrust trust) {

    public LoadTarget {
        Objects.requireNonNull(options, "options");
        if (!Clients.APIS.contains(api)) {
            throw new ConfigException("api", "unknown API '" + api + "'; use one of " + String.join(", ", Clients.APIS));
        }
        cpuinfo = cpuinfo == null ? Path.of("/proc/cpuinfo") : cpuinfo;
        trust = trust == null ? TlsTrust.SYSTEM : trust;
    }

    public LoadTarget(String api, ClientOptions options) {
        this(api, options, null, null);
    }

    WireProtocol wire(Clock clock, LoadWatch watch) {
        return WireProtocol.of(api, options, clock, watch::chunk).orElseThrow();
    }
}
