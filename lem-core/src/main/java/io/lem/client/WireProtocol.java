package io.lem.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

import io.lem.time.Clock;

/**
 * Every API of {@link Clients#APIS} (OpenAI-compatible SSE, Ollama's NDJSON) over HTTP/1.1 for an event loop
 * that owns its sockets: where to connect and, for each request, a {@link WireExchange} holding its bytes. The
 * bytes are exactly what the API's blocking client sends as body; each distinct prompt is JSON-encoded once and
 * later requests splice their seed into the encoded bytes. Over https the event loop adds TLS ({@link #tls}).
 * Not thread-safe: one event loop uses it.
 */
public final class WireProtocol {

    /** A seed no request uses, encoded once per prompt and replaced by each request's own. */
    private static final long SEED_MARK = 7_239_113_077_194_211_571L;
    private static final byte[] SEED_FIELD = ("\"seed\":" + SEED_MARK).getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_TEMPLATES = 4096;

    private record Key(Object content, int maxOutputTokens, int minOutputTokens) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.content == content && k.maxOutputTokens == maxOutputTokens
                    && k.minOutputTokens == minOutputTokens;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(content) * 31 + maxOutputTokens * 17 + minOutputTokens;
        }
    }

    private record Template(byte[] beforeSeed, byte[] afterSeed) {
    }

    private final ClientOptions options;
    private final WireApi api;
    private final URI endpoint;
    private final InetSocketAddress address;
    private final Clock clock;
    private final LongConsumer onChunk;
    private final byte[] head;
    private final WireDialect dialect;
    private final boolean tls;
    private final Map<Key, Template> templates = new HashMap<>();

    private WireProtocol(ClientOptions options, WireApi api, Clock clock, LongConsumer onChunk) {
        this.options = options;
        this.api = api;
        this.dialect = api.dialect();
        this.endpoint = options.endpoint(api.path);
        this.clock = clock;
        this.onChunk = onChunk;
        this.tls = "https".equals(endpoint.getScheme());
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : tls ? 443 : 80;
        this.address = new InetSocketAddress(endpoint.getHost(), port);
        String path = endpoint.getRawPath() + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        String hostHeader = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + port);
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: application/json\r\n"
                + "Accept: " + api.accept(options) + "\r\n"
                + (options.apiKey() == null ? "" : "Authorization: Bearer " + options.apiKey() + "\r\n")
                + "Content-Length: ").getBytes(StandardCharsets.UTF_8);
    }

    /** The protocol for {@code api} at the options' endpoint, or empty for an API the event loop does not know. */
    public static Optional<WireProtocol> of(String api, ClientOptions options, Clock clock) {
        return of(api, options, clock, arrivedNs -> { });
    }

    /** @param onChunk told the arrival time of every streamed chunk, on the event loop (keep it quick) */
    public static Optional<WireProtocol> of(String api, ClientOptions options, Clock clock, LongConsumer onChunk) {
        WireApi wire = WireApi.named(api);
        if (wire == null) {
            return Optional.empty();
        }
        return Optional.of(new WireProtocol(options, wire, clock, onChunk));
    }

    /** True for an https endpoint: the bytes go through TLS. */
    public boolean tls() {
        return tls;
    }

    public InetSocketAddress address() {
        return address;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Duration timeout() {
        return options.timeout();
    }

    /** Starts {@code request} now: its send time is read from the clock here. */
    public WireExchange start(PromptRequest request) {
        Tally tally = new Tally(request, clock, options.stream(), onChunk);
        return new WireExchange(this, encode(request), new WireBody(tally, options.stream(), dialect));
    }

    /** Head, Content-Length and the body with the request's seed spliced in, written once into one array. */
    private byte[] encode(PromptRequest request) {
        Template t = template(request);
        int bodyLength = t.beforeSeed.length + Ascii.decimalLength(request.seed()) + t.afterSeed.length;
        byte[] out = new byte[head.length + Ascii.decimalLength(bodyLength) + 4 + bodyLength];
        System.arraycopy(head, 0, out, 0, head.length);
        int p = Ascii.putDecimal(out, head.length, bodyLength);
        out[p++] = '\r';
        out[p++] = '\n';
        out[p++] = '\r';
        out[p++] = '\n';
        System.arraycopy(t.beforeSeed, 0, out, p, t.beforeSeed.length);
        p = Ascii.putDecimal(out, p + t.beforeSeed.length, request.seed());
        System.arraycopy(t.afterSeed, 0, out, p, t.afterSeed.length);
        return out;
    }

    private Template template(PromptRequest request) {
        Object content = request.messages().isEmpty() ? request.prompt() : request.messages();
        Key key = new Key(content, request.maxOutputTokens(), request.minOutputTokens());
        Template t = templates.get(key);
        if (t == null) {
            if (templates.size() >= MAX_TEMPLATES) {
                templates.clear(); // a run with ever new prompts (a long trace) encodes each once anyway
            }
            t = split(api.body(options, new PromptRequest(request.id(), request.warmup(), request.prompt(),
                    request.maxOutputTokens(), SEED_MARK, request.messages(), request.minOutputTokens())));
            templates.put(key, t);
        }
        return t;
    }

    private static Template split(byte[] body) {
        for (int i = 0; i + SEED_FIELD.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + SEED_FIELD.length, SEED_FIELD, 0, SEED_FIELD.length)) {
                int seedAt = i + SEED_FIELD.length - Long.toString(SEED_MARK).length();
                return new Template(Arrays.copyOfRange(body, 0, seedAt),
                        Arrays.copyOfRange(body, i + SEED_FIELD.length, body.length));
            }
        }
        throw new IllegalStateException("encoded body has no seed field: " + new String(body, StandardCharsets.UTF_8));
    }
}
