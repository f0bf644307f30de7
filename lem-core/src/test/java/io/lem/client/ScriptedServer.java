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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP/1.1 server on a raw socket: each request is answered by a script that writes whatever bytes it
 * likes (close-delimited or chunked bodies, garbage, stalls, abrupt closes), which a real HTTP server would not
 * let a test do. The connection closes after each response.
 */
final class ScriptedServer implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    @FunctionalInterface
    interface Script {
        void respond(Request request, OutputStream out) throws Exception;
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedServer(Script script) throws IOException {
        listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!listener.isClosed()) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException e) {
                    return;
                }
                open.add(socket);
                threads.submit(() -> serve(socket, script));
            }
        });
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            Request request = readRequest(socket.getInputStream());
            requests.add(request);
            OutputStream out = socket.getOutputStream();
            script.respond(request, out);
            out.flush();
        } catch (Exception e) {
            // the client hung up or the test closed the server: nothing left to answer
        } finally {
            open.remove(socket);
        }
    }

    static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the request ended");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    /** Status line and headers of a body that ends when the connection closes. */
    static void head(OutputStream out, int status, String contentType) throws IOException {
        write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n");
    }

    static void chunkedHead(OutputStream out, int status, String contentType) throws IOException {
        write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    }

    static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        write(out, "\r\n");
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Answers 200 with a whole body, flushing line by line so each event arrives on its own. */
    static Script replay(String contentType, String body) {
        return (request, out) -> {
            head(out, 200, contentType);
            for (String line : body.split("(?<=\n)")) {
                write(out, line);
            }
        };
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
