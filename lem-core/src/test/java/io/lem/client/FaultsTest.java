package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.lem.load.ArrivalProcess;
import io.lem.load.Extent;
import io.lem.load.LoadRecord;
import io.lem.load.LoadShape;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.Loads;
import io.lem.load.Progress;
import io.lem.time.Clock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A loopback server that misbehaves on purpose: every request still comes back as a record with the right status. */
class FaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private static RequestRecord send(Wire wire, URI base) {
        ClientOptions options = new ClientOptions(base, "m", null, TIMEOUT, true, false);
        return Clients.create(wire.api, options, Clock.system()).send(new PromptRequest(0, false, "hi", 8, 1));
    }

    private static RequestRecord send(Wire wire, ScriptedServer.Script script) throws IOException {
        try (ScriptedServer server = new ScriptedServer(script)) {
            return send(wire, server.baseUrl());
        }
    }

    /** The faults, each with the status it must produce; scripts take the wire so every API gets each fault. */
    enum Fault {
        STALL_BEFORE_HEADERS(RequestStatus.TIMEOUT, 0, w -> (req, out) -> Thread.sleep(10_000)),
        STALL_MID_STREAM(RequestStatus.TIMEOUT, 2, w -> (req, out) -> {
            ScriptedServer.head(out, 200, w.contentType);
            ScriptedServer.write(out, w.chunk("a") + w.chunk("b"));
            Thread.sleep(10_000);
        }),
        HTTP_400(RequestStatus.HTTP_ERROR, 0, w -> status(w, 400)),
        HTTP_429(RequestStatus.HTTP_ERROR, 0, w -> status(w, 429)),
        HTTP_500(RequestStatus.HTTP_ERROR, 0, w -> status(w, 500)),
        CLEAN_EOF_MID_STREAM(RequestStatus.PROTOCOL_ERROR, 3, w -> (req, out) -> {
            ScriptedServer.head(out, 200, w.contentType);
            ScriptedServer.write(out, w.chunk("a") + w.chunk("b") + w.chunk("c"));
        }),
        ABRUPT_CLOSE_MID_CHUNKED_STREAM(RequestStatus.CONNECTION_ERROR, 2, w -> (req, out) -> {
            ScriptedServer.chunkedHead(out, 200, w.contentType);
            ScriptedServer.chunk(out, w.chunk("a"));
            ScriptedServer.chunk(out, w.chunk("b"));
            Thread.sleep(30); // the JDK drops data still buffered when the connection error arrives
        }),
        MALFORMED_EVENT(RequestStatus.PROTOCOL_ERROR, 1, w -> (req, out) -> {
            ScriptedServer.head(out, 200, w.contentType);
            String garbage = w.contentType.equals("text/event-stream") ? "data: {\"choices\":[{\n\n" : "{\"respo\n";
            ScriptedServer.write(out, w.chunk("a") + garbage + w.chunk("b") + w.end(1, 2));
        }),
        ERROR_EVENT_IN_STREAM(RequestStatus.HTTP_ERROR, 1, w -> (req, out) -> {
            ScriptedServer.head(out, 200, w.contentType);
            String error = w.errorBody("engine died");
            ScriptedServer.write(out, w.chunk("a") + (w.contentType.equals("text/event-stream")
                    ? "data: " + error + "\n\n" : error + "\n"));
        }),
        NOT_HTTP(RequestStatus.PROTOCOL_ERROR, 0, w -> (req, out) -> ScriptedServer.write(out, "garbage\r\n\r\n")),
        OK(RequestStatus.OK, 3, w -> (req, out) -> {
            ScriptedServer.head(out, 200, w.contentType);
            String comment = w.contentType.equals("text/event-stream") ? ": comment\n" : "";
            ScriptedServer.write(out, comment + w.chunk("a") + "\n" + w.chunk("b") + w.chunk("c") + w.end(5, 3));
        });

        final RequestStatus status;
        final int chunks;
        final Function<Wire, ScriptedServer.Script> script;

        Fault(RequestStatus status, int chunks, Function<Wire, ScriptedServer.Script> script) {
            this.status = status;
            this.chunks = chunks;
            this.script = script;
        }

        private static ScriptedServer.Script status(Wire w, int code) {
            return (req, out) -> {
                ScriptedServer.head(out, code, "application/json");
                ScriptedServer.write(out, w.errorBody("rejected with " + code));
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void everyFaultOfEveryApiIsARecordWithItsStatus(Wire wire) throws IOException {
        for (Fault fault : Fault.values()) {
            RequestRecord r = send(wire, fault.script.apply(wire));
            assertThat(r.status()).as(wire + " " + fault + ": " + r.error()).isEqualTo(fault.status);
            if (fault == Fault.ABRUPT_CLOSE_MID_CHUNKED_STREAM) {
                assertThat(r.chunks()).as(wire + " " + fault).isBetween(0, fault.chunks);
            } else {
                assertThat(r.chunks()).as(wire + " " + fault).isEqualTo(fault.chunks);
            }
            assertThat(r.chunkTimesNs()).hasSize(r.chunks());
            assertThat(r.endNs()).isGreaterThanOrEqualTo(r.sendNs());
            assertThat(r.error() == null).as(wire + " " + fault).isEqualTo(fault == Fault.OK);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void httpErrorsKeepTheStatusAndTheBodyText(Wire wire) throws IOException {
        for (int code : new int[] {400, 429, 500}) {
            RequestRecord r = send(wire, Fault.status(wire, code));
            assertThat(r.httpStatus()).isEqualTo(code);
            assertThat(r.error()).startsWith("HTTP " + code + ":").contains("rejected with " + code);
            assertThat(r.firstTokenNs()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void connectionRefusedNamesTheEndpoint(Wire wire) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RequestRecord r = send(wire, URI.create("http://127.0.0.1:" + closedPort));
        assertThat(r.status()).isEqualTo(RequestStatus.CONNECTION_ERROR);
        assertThat(r.error()).contains("refused").contains(String.valueOf(closedPort));
        assertThat(r.httpStatus()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void withoutUsageTheChunksAreCountedAndFlagged(Wire wire) throws IOException {
        RequestRecord r = send(wire, (req, out) -> {
            ScriptedServer.head(out, 200, wire.contentType);
            ScriptedServer.write(out, wire.chunk("a") + wire.chunk("b") + wire.bareEnd());
        });
        assertThat(r.status()).isEqualTo(RequestStatus.OK);
        assertThat(r.completionTokens()).isEqualTo(2);
        assertThat(r.tokensApproximate()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void stalledStreamKeepsWhatArrivedAndSaysHowLongItWaited(Wire wire) throws IOException {
        RequestRecord r = send(wire, Fault.STALL_MID_STREAM.script.apply(wire));
        assertThat(r.error()).contains(TIMEOUT.toMillis() + " ms").contains("2 chunks");
        assertThat(r.e2eMs()).isGreaterThanOrEqualTo(TIMEOUT.toMillis());
    }

    /**
     * A seeded mix of faults sent concurrently through the load engine: every request id comes back exactly once
     * with the status its fault dictates, whatever the interleaving.
     */
    @RepeatedTest(3)
    void concurrentMixOfFaultsIsFullyAccountedFor(RepetitionInfo repetition) throws Exception {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        Wire wire = Wire.values()[random.nextInt(Wire.values().length)];
        int count = 40;
        Map<Integer, Fault> planned = new ConcurrentHashMap<>();
        List<PromptRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            planned.put(i, fault);
            requests.add(new PromptRequest(i, false, "fault " + i, 8, 1));
        }
        try (ScriptedServer server = new ScriptedServer((req, out) -> {
            int id = Integer.parseInt(req.body().replaceAll("(?s).*\"fault (\\d+)\".*", "$1"));
            planned.get(id).script.apply(wire).respond(req, out);
        })) {
            ClientOptions options = new ClientOptions(server.baseUrl(), "m", null, TIMEOUT, true, false);
            List<RequestRecord> records = Loads.run(new LoadTarget(wire.api, options), new ArrivalProcess.Closed(8),
                    LoadShape.stopAfter(new Extent.Requests(count)), null, a -> requests.get(a.index()),
                    Clock.system(), r -> { }, Progress.Listener.NONE, new LoadStop()).records().stream()
                    .map(LoadRecord::request).toList();
            assertThat(records).extracting(RequestRecord::id).containsExactlyInAnyOrderElementsOf(planned.keySet());
            assertThat(records).allSatisfy(r -> assertThat(r.status()).as(planned.get(r.id()) + ": " + r.error())
                    .isEqualTo(planned.get(r.id()).status));
        }
    }

}
