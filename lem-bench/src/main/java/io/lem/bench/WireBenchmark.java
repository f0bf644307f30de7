package io.lem.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lem.client.ClientOptions;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.WireExchange;
import io.lem.client.WireProtocol;
import io.lem.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load engine's per-request CPU outside the kernel: encode one request ({@link WireProtocol#start}) and read
 * the response bench/capacity.sh's nginx sends (head, Content-Length, 16 SSE content events, usage, [DONE]) into its
 * record, the response arriving whole or in {@code pieceBytes} pieces (each piece one read, one clock reading).
 * Run: java -cp lem-bench/target/lem-bench-0.1.0-SNAPSHOT.jar:lem-bench/target/lib/* org.openjdk.jmh.Main Wire -prof gc
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WireBenchmark {

    @Param({"0", "512"})
    public int pieceBytes;

    private WireProtocol protocol;
    private byte[] response;
    private int id;

    @Setup
    public void setUp() {
        ClientOptions options = ClientOptions.of(URI.create("http://127.0.0.1:8000"), "bench", Duration.ofSeconds(60));
        protocol = WireProtocol.of("openai", options, Clock.system()).orElseThrow();
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sse.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t").append(i)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":16,\"total_tokens\":25}}\n\n"
                + "data: [DONE]\n\n");
        byte[] body = sse.toString().getBytes(StandardCharsets.UTF_8);
        response = ("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 01 Dec 2026 08:00:00 GMT\r\n"
                + "Content-Type: text/event-stream\r\nContent-Length: " + body.length + "\r\nConnection: keep-alive\r\n\r\n"
                + sse).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public RequestRecord exchange() {
        WireExchange exchange = protocol.start(new PromptRequest(id++, false, "prompt about joules", 16, id));
        int piece = pieceBytes > 0 ? pieceBytes : response.length;
        for (int p = 0; p < response.length; p += piece) {
            exchange.feed(response, p, Math.min(response.length, p + piece), System.nanoTime());
        }
        if (!exchange.reusable()) {
            throw new IllegalStateException("response not read to its end: " + exchange.record());
        }
        return exchange.record();
    }
}
