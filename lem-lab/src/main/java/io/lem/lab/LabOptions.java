package io.lem.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import io.lem.config.ConfigException;

/**
 * How {@code lem lab} runs.
 *
 * @param bind         the address to listen on; anything but loopback needs {@code token}
 * @param port         0 for any free port
 * @param token        required on every API call when set (header {@code Authorization: Bearer T} or {@code ?token=})
 * @param dataDir      where lab.db and the runs' raw files live
 * @param baselineS    idle baseline before each run
 * @param maxBodyBytes the largest request body accepted
 */
public record LabOptions(String bind, int port, String token, Path dataDir, LabTarget target, List<String> meters,
                         double baselineS, double sampleRateHz, long maxBodyBytes) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;
    public static final double DEFAULT_BASELINE_S = 2;
    public static final double DEFAULT_SAMPLE_RATE_HZ = 20;
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final String DEFAULT_PRESET = "small";

    public LabOptions {
        meters = List.copyOf(meters);
        if (port < 0 || port > 65_535) {
            throw new ConfigException("--port", port + " is out of range; fix: use 0..65535 (0: any free port)");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (!loopback(bind) && token == null) {
            throw new ConfigException("--bind", bind + " is reachable from other machines; fix: also give --token T"
                    + " (every API call then needs it), or bind 127.0.0.1");
        }
        if (!(baselineS >= 0)) {
            throw new ConfigException("--baseline", baselineS + " s is not a duration; fix: give 0 or more seconds");
        }
    }

    /** The default data directory: {@code $XDG_DATA_HOME/lem/lab}, else {@code ~/.local/share/lem/lab}. */
    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("lem").resolve("lab");
    }

    public static LabOptions defaults(Path dataDir, LabTarget target) {
        return new LabOptions(DEFAULT_BIND, DEFAULT_PORT, null, dataDir, target, List.of("auto"), DEFAULT_BASELINE_S,
                DEFAULT_SAMPLE_RATE_HZ, DEFAULT_MAX_BODY_BYTES);
    }

    public LabOptions withPort(int newPort) {
        return new LabOptions(bind, newPort, token, dataDir, target, meters, baselineS, sampleRateHz, maxBodyBytes);
    }

    public LabOptions withBaselineS(double seconds) {
        return new LabOptions(bind, port, token, dataDir, target, meters, seconds, sampleRateHz, maxBodyBytes);
    }

    public LabOptions withAccess(String newBind, String newToken) {
        return new LabOptions(newBind, port, newToken, dataDir, target, meters, baselineS, sampleRateHz, maxBodyBytes);
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("--bind", "'" + host + "' is not an address of this machine; fix: use 127.0.0.1"
                    + " or one of its interface addresses");
        }
    }
}
