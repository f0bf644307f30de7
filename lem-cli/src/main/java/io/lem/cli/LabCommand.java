package io.lem.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.lem.config.ConfigException;
import io.lem.engine.EngineDrivers;
import io.lem.lab.LabOptions;
import io.lem.lab.LabServer;
import io.lem.lab.LabTarget;
import io.lem.study.LocalMeters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lem lab}: the Energy Lab web app. Parse, {@link LabOptions}, {@link LabServer#start}, print the URL, serve
 * until Ctrl-C. Opens no browser.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, description = {
        "Starts the Energy Lab: a web page that runs one chat turn at a time against a local engine and shows its",
        "energy (prefill, decode, total, above the idle baseline), carbon, and the share of the overhead the user",
        "never sees (system prompt, injections, context, template, thinking). Without --endpoint it starts lem's",
        "embedded engine with the 'small' preset. Listens on 127.0.0.1 and prints the URL; Ctrl-C stops it."})
public final class LabCommand implements Callable<Integer> {

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
            + "(default: $XDG_DATA_HOME/lem/lab or ~/.local/share/lem/lab).")
    Path dataDir;

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
        LabOptions options = LabOptions.defaults(dataDir != null ? dataDir : LabOptions.defaultDataDir(), target)
                .withPort(port).withBaselineS(baselineS).withAccess(bind, token);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabServer lab = LabServer.start(options, EngineDrivers.discover(), LocalMeters.system(),
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
