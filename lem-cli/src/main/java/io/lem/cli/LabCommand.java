package io.lem.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.lem.config.ConfigException;
import io.lem.config.Settings;
import io.lem.engine.EngineDrivers;
import io.lem.lab.LabOptions;
import io.lem.lab.LabServer;
import io.lem.lab.LabTarget;
import io.lem.measure.LocalMeters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lem lab}: the Energy Lab web app. Parse, {@link LabOptions}, {@link LabServer#start}, print the URL, serve
 * until Ctrl-C. Opens no browser.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, description = {
        "Starts the Energy Lab, a web page that measures one chat turn at a time.",
        "",
        "It shows each run's energy (prefill, decode, total, above the idle baseline), its carbon, and the share of "
                + "the overhead the user never sees (system prompt, injections, context, template, thinking). Without "
                + "--endpoint it starts lem's embedded engine with the 'small' preset. It listens on 127.0.0.1, prints the URL "
                + "and opens nothing; Ctrl-C stops it."})
public final class LabCommand implements Callable<Integer> {

    /** The keys lem lab reads: where it keeps its data, and the meters as lem run chooses them. */
    static final Set<String> KEYS = Set.of("lab.data_dir", "measurement.meters", "measurement.sample_rate_hz",
            "host.powercap_root", "host.proc_root");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port = LabOptions.DEFAULT_PORT;

    @Option(names = "--endpoint", paramLabel = "URL", description = "A running OpenAI-compatible or Ollama server.")
    URI endpoint;

    @Option(names = "--api", paramLabel = "API", description = "openai or ollama (default: ${DEFAULT-VALUE}).")
    String api = "openai";

    @Option(names = "--embedded", paramLabel = "PRESET|FILE.gguf", description = "lem's embedded engine with a "
            + "synthetic preset (tiny, small, ...) or a GGUF file (default: ${DEFAULT-VALUE}).")
    String embedded;

    @Option(names = "--token", paramLabel = "T", description = "Every API call must carry this token (required with "
            + "a --bind other than loopback); open the page as URL?token=T.")
    String token;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = LabOptions.DEFAULT_BIND;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where lab.db and the runs' raw files live "
            + "(lab.data_dir; default: $XDG_DATA_HOME/lem/lab or ~/.local/share/lem/lab).")
    String dataDir;

    @CommandLine.Mixin
    MeterFlags meterFlags;

    @CommandLine.Mixin
    SetOption set;

    @Option(names = "--baseline", paramLabel = "S", description = "Idle baseline before each run, seconds "
            + "(default: ${DEFAULT-VALUE}).")
    double baselineS = LabOptions.DEFAULT_BASELINE_S;

    @Override
    public Integer call() throws Exception {
        if (endpoint != null && embedded != null) {
            throw new ConfigException("--endpoint", "and --embedded both given; fix: use one target");
        }
        LabTarget target = endpoint != null ? new LabTarget.Remote(endpoint, api(api))
                : new LabTarget.Embedded(embedded != null ? embedded : LabOptions.DEFAULT_PRESET);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = Settings.resolve(KEYS, "lem lab", meterFlags.into(new Keys(), err, "lem lab")
                .flag("--data-dir", "lab.data_dir", dataDir).set(set.pairs).map());
        String dir = settings.text("lab.data_dir");
        LabOptions options = new LabOptions(bind, port, token, dir != null ? Path.of(dir) : LabOptions.defaultDataDir(),
                target, settings.list("measurement.meters"), baselineS, settings.decimal("measurement.sample_rate_hz"),
                LabOptions.DEFAULT_MAX_BODY_BYTES);
        LabServer lab = LabServer.start(options, EngineDrivers.discover(),
                LocalMeters.factory(Path.of(settings.text("host.powercap_root")), Path.of(settings.text("host.proc_root"))),
                line -> err.println("lem lab: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lab.close();
            stopped.countDown();
        }, "lem-lab-stop"));
        out.println("lem lab: " + lab.service().engine().description());
        out.println("lem lab: data in " + options.dataDir());
        out.println(lab.url() + (token != null ? "?token=<your token>" : ""));
        out.flush();
        stopped.await();
        return 0;
    }

    private static String api(String api) {
        if (!List.of("openai", "ollama").contains(api)) {
            throw new ConfigException("--api", "'" + api + "' is not known; fix: use openai or ollama");
        }
        return api;
    }
}
