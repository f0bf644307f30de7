package io.lem.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lem.Lem;
import io.lem.config.ConfigException;
import io.lem.config.PowerOptions;
import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterSelection;
import io.lem.result.PowerMetrics;
import io.lem.measure.PowerRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lem power serve}: a Prometheus exporter of live power and energy on 127.0.0.1 (loopback only: the
 * readings reveal what a machine runs, so exposing them is the operator's decision, through a proxy).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Serves live power and energy of every meter to Prometheus on 127.0.0.1.",
        "",
        "Answers http://127.0.0.1:PORT/metrics (Prometheus text format 0.0.4) until --duration or Ctrl-C."})
final class PowerServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MeterFlags meters;

    @Option(names = "--port", paramLabel = "P", description = "TCP port on 127.0.0.1; 0 picks a free one"
            + " (power.port; default: ${bundle:power.port}).")
    Integer port;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after S seconds (power.duration_s; default:"
            + " until Ctrl-C).")
    Double durationS;

    @Mixin
    SetOption set;

    @Override
    public Integer call() throws Exception {
        PowerOptions options = PowerOptions.of(meters.into(new Keys(), spec.commandLine().getErr(), "lem power serve")
                .flag("--port", "power.port", port).flag("--duration", "power.duration_s", durationS)
                .set(set.pairs).map());
        double intervalS = options.intervalS();
        PrintWriter out = spec.commandLine().getOut();
        try (MeterSelection selection = Lem.builder().build().meters(options);
             PowerStop stop = PowerStop.onSignal()) {
            PowerMetrics metrics = new PowerMetrics(selection.domains());
            HttpServer server = bind(options.port());
            server.createContext("/metrics", exchange -> respond(exchange, metrics));
            PowerRecorder recorder = PowerRecorder.start(selection.meters(), Clock.system(), intervalS, List.of(metrics));
            try {
                server.start();
                out.printf("lem power serve: http://127.0.0.1:%d/metrics (meters: %s; every %s s)%n",
                        server.getAddress().getPort(),
                        selection.meters().stream().map(Meter::name).collect(Collectors.joining(", ")), intervalS);
                out.flush();
                stop.await(options.durationS());
            } finally {
                server.stop(0);
                recorder.close();
            }
            out.println("lem power serve: stopped");
            out.flush();
            return 0;
        }
    }

    private static HttpServer bind(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new ConfigException("--port", "127.0.0.1:" + port + " is in use (" + e.getMessage()
                    + "): choose another port, or 0 for a free one");
        }
    }

    private static void respond(HttpExchange exchange, PowerMetrics metrics) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PowerMetrics.CONTENT_TYPE);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }
}
