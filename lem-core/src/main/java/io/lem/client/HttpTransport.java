package io.lem.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.lem.time.Clock;

/**
 * The HTTP part every client shares: headers, one deadline over the whole request, and the mapping of every way
 * a request can fail onto a {@link RequestStatus}.
 */
final class HttpTransport {

    private static final int ERROR_BODY_BYTES = 4096;
    private static final int ERROR_TEXT_CHARS = 500;

    private final HttpClient http;
    private final Clock clock;
    private final ClientOptions options;
    private final LongConsumer onChunk;

    HttpTransport(HttpClient http, Clock clock, ClientOptions options) {
        this(http, clock, options, arrivedNs -> { });
    }

    /** @param onChunk told the arrival time of every streamed chunk, on the request's thread (keep it quick) */
    HttpTransport(HttpClient http, Clock clock, ClientOptions options, LongConsumer onChunk) {
        this.http = http;
        this.clock = clock;
        this.options = options;
        this.onChunk = onChunk;
    }

    ClientOptions options() {
        return options;
    }

    RequestRecord exchange(PromptRequest request, URI endpoint, String jsonBody, String accept, ResponseReader reader) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(options.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (options.apiKey() != null) {
            builder.header("Authorization", "Bearer " + options.apiKey());
        }
        Tally tally = new Tally(request, clock, options.stream(), onChunk);
        Deadline deadline = new Deadline();
        // HttpRequest.timeout stops at the response headers; a stream that stalls afterwards is cut here.
        CompletableFuture.delayedExecutor(options.timeout().toNanos(), TimeUnit.NANOSECONDS).execute(deadline::expire);
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            tally.httpStatus(response.statusCode());
            try (InputStream in = response.body()) {
                deadline.attach(in);
                if (response.statusCode() != 200) {
                    String text = new String(in.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
                    return tally.fail(RequestStatus.HTTP_ERROR, "HTTP " + response.statusCode() + ": " + abbreviate(text));
                }
                return reader.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), tally);
            }
        } catch (HttpTimeoutException e) {
            return timeout(tally);
        } catch (ConnectException e) {
            return tally.fail(RequestStatus.CONNECTION_ERROR, "connection refused by " + endpoint
                    + "; is the server running and listening there?");
        } catch (ProtocolException e) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "not an HTTP response: " + e.getMessage());
        } catch (IOException e) {
            if (deadline.expired()) {
                return timeout(tally);
            }
            return tally.fail(RequestStatus.CONNECTION_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " after " + tally.chunks() + " chunks");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tally.fail(RequestStatus.CONNECTION_ERROR, "interrupted after " + tally.chunks() + " chunks");
        } finally {
            deadline.finish();
        }
    }

    private RequestRecord timeout(Tally tally) {
        return tally.fail(RequestStatus.TIMEOUT, "no complete response within " + options.timeout().toMillis()
                + " ms (" + tally.chunks() + " chunks received); raise the timeout or lower the load");
    }

    static String abbreviate(String text) {
        return text.length() <= ERROR_TEXT_CHARS ? text : text.substring(0, ERROR_TEXT_CHARS) + "...";
    }

    /** Closes the body when time is up, which makes the blocked read throw; only once, and never after finish. */
    private static final class Deadline {
        private InputStream body;
        private boolean expired;
        private boolean finished;

        synchronized void attach(InputStream in) throws IOException {
            body = in;
            if (expired) {
                in.close();
            }
        }

        void expire() {
            InputStream toClose;
            synchronized (this) {
                if (finished) {
                    return;
                }
                expired = true;
                toClose = body;
            }
            if (toClose != null) {
                try {
                    toClose.close();
                } catch (IOException e) {
                    // the reader sees the stream fail either way and reports the timeout
                }
            }
        }

        synchronized boolean expired() {
            return expired;
        }

        synchronized void finish() {
            finished = true;
            body = null;
        }
    }
}
