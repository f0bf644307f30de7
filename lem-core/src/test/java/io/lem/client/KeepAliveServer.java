package io.lem.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that keeps connections alive and answers every POST with {@code chunks} SSE content
 * events, a usage event and {@code [DONE]}, framed by Content-Length or chunked, written whole or in small pieces
 * (so that events, lines, chunk headers and even the status line arrive split across reads).
 */
public final class KeepAliveServer implements AutoCloseable {

    public enum Framing { LENGTH, CHUNKED }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();
    final int chunks;
    private final Framing framing;
    private final int pieceBytes;
    private final long holdMs;

    /**
     * @param pieceBytes write the response in pieces of this many bytes, flushing each (0: whole)
     * @param holdMs     wait this long before the last event (a stream held open)
     */
    public KeepAliveServer(int chunks, Framing framing, int pieceBytes, long holdMs) throws IOException {
        this.chunks = chunks;
        this.framing = framing;
        this.pieceBytes = pieceBytes;
        this.holdMs = holdMs;
        listener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    connections.incrementAndGet();
                    open.add(socket);
                    threads.submit(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    public static String body(int chunks) {
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            sse.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t").append(i)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":")
                .append(chunks).append(",\"total_tokens\":").append(chunks + 7).append("}}\n\ndata: [DONE]\n\n");
        return sse.toString();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                ScriptedServer.readRequest(in);
                requests.incrementAndGet();
                byte[] sse = body(chunks).getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n";
                if (framing == Framing.LENGTH) {
                    response.writeBytes((head + "Content-Length: " + sse.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    response.writeBytes(sse);
                } else {
                    response.writeBytes((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (int p = 0; p < sse.length; p += 70) { // chunk boundaries fall inside events
                        int n = Math.min(70, sse.length - p);
                        response.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        response.write(sse, p, n);
                        response.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    response.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                write(out, response.toByteArray());
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up or the test closed the server
        } finally {
            open.remove(socket);
        }
    }

    private void write(OutputStream out, byte[] response) throws IOException, InterruptedException {
        int holdAt = holdMs > 0 ? response.length - 40 : response.length;
        pieces(out, response, 0, holdAt);
        if (holdMs > 0) {
            Thread.sleep(holdMs);
            pieces(out, response, holdAt, response.length);
        }
    }

    private void pieces(OutputStream out, byte[] response, int from, int to) throws IOException, InterruptedException {
        int piece = pieceBytes > 0 ? pieceBytes : Math.max(1, to - from);
        for (int p = from; p < to; p += piece) {
            out.write(response, p, Math.min(piece, to - p));
            out.flush();
            if (pieceBytes > 0) {
                Thread.sleep(0, 200_000); // let the client see each piece on its own read
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
        threads.shutdownNow();
    }
}
