package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.lem.client.ClientOptions;
import io.lem.client.Clients;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.client.TlsTrust;
import io.lem.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the load engine against a real TLS server on loopback (the JDK's HttpsServer) whose self-signed
 * certificate keytool makes for this test: trusted only through an explicit {@link TlsTrust} file, never by
 * default, and then every request of a captured OpenAI stream is read as the JDK client reads it over the same TLS.
 */
class TlsLoadTest {

    private static final String STREAM = "openai_gpt-4o-mini_chat_stream_include_usage__pydantic-ai_cassette_interaction_2.sse";
    private static final String PASSWORD = "changeit";
    private static final int BIG_CHUNKS = 3000;

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static ExecutorService executor;
    private static Path certificate;
    private static final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        certificate = dir.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        keytool(keytool, "-genkeypair", "-alias", "lem", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=lem-test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool(keytool, "-exportcert", "-rfc", "-alias", "lem", "-keystore", keystore.toString(), "-storepass",
                PASSWORD, "-file", certificate.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(km.getKeyManagers(), null, null);

        byte[] body;
        try (InputStream in = TlsLoadTest.class.getResourceAsStream("/fixtures/streams/" + STREAM)) {
            body = in.readAllBytes();
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/v1/chat/completions", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
                served.incrementAndGet();
            }
        });
        // a body many TLS records long, more than the engine's read buffer takes in one go
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < BIG_CHUNKS; i++) {
            big.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token ").append(i)
                    .append(" of a long answer\"}}]}\n\n");
        }
        big.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":")
                .append(BIG_CHUNKS).append("}}\n\ndata: [DONE]\n\n");
        byte[] bigBody = big.toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/big/v1/chat/completions", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.sendResponseHeaders(200, bigBody.length);
                out.write(bigBody);
            }
        });
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool: " + output).isZero();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ClientOptions options() {
        return options("");
    }

    private static ClientOptions options(String prefix) {
        URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + prefix);
        return new ClientOptions(base, "m", null, Duration.ofSeconds(10), true, false);
    }

    private static LoadRun load(TlsTrust trust, int concurrency, int requests) throws InterruptedException {
        return load(options(), trust, concurrency, requests);
    }

    private static LoadRun load(ClientOptions options, TlsTrust trust, int concurrency, int requests)
            throws InterruptedException {
        Clock clock = Clock.system();
        LoadTarget target = new LoadTarget("openai", options, null, trust);
        return Loads.run(target, new ArrivalProcess.Closed(concurrency), LoadShape.stopAfter(
                new Extent.Requests(requests)), null, a -> new PromptRequest(a.index(), false, "p", 16, a.index()),
                clock, r -> { }, Progress.Listener.NONE, new LoadStop());
    }

    @Test
    void aSelfSignedServerIsRefusedUnlessItsCertificateIsGivenAndThenEveryRequestReadsAsOverTheJdkClient()
            throws Exception {
        LoadRun refused = load(TlsTrust.SYSTEM, 1, 2);
        assertThat(refused.generator().engine()).isEqualTo(LoadGenerator.EVENT_LOOP);
        assertThat(refused.records()).allSatisfy(r -> {
            assertThat(r.request().status()).isEqualTo(RequestStatus.CONNECTION_ERROR);
            assertThat(r.request().error()).contains("SSLHandshakeException");
        });

        int before = served.get();
        LoadRun trusted = load(new TlsTrust(certificate), 3, 60);
        assertThat(trusted.generator().engine()).isEqualTo(LoadGenerator.EVENT_LOOP);
        List<RequestRecord> records = trusted.records().stream().map(LoadRecord::request).toList();
        assertThat(served.get() - before).isEqualTo(60);
        // the capture's own counts (usage 78 + 9) and the JDK client's reading of it over the same TLS
        RequestRecord jdk = Clients.create("openai", options(), Clock.system(),
                java.net.http.HttpClient.newBuilder().sslContext(new TlsTrust(certificate).context()).build())
                .send(new PromptRequest(0, false, "p", 16, 0));
        assertThat(jdk.status()).as(jdk.error()).isEqualTo(RequestStatus.OK);
        assertThat(records).hasSize(60).allSatisfy(r -> {
            assertThat(r.status()).as(r.error()).isEqualTo(RequestStatus.OK);
            assertThat(r.promptTokens()).isEqualTo(78).isEqualTo(jdk.promptTokens());
            assertThat(r.completionTokens()).isEqualTo(9).isEqualTo(jdk.completionTokens());
            assertThat(r.chunks()).isEqualTo(jdk.chunks());
            assertThat(r.chunkTimesNs()).hasSize(r.chunks()).isSorted();
        });
    }

    @Test
    void aResponseOfManyTlsRecordsIsReadWhole() throws Exception {
        List<LoadRecord> records = load(options("/big"), new TlsTrust(certificate), 2, 6).records();
        assertThat(records).hasSize(6).allSatisfy(r -> {
            assertThat(r.request().status()).as(r.request().error()).isEqualTo(RequestStatus.OK);
            assertThat(r.request().chunks()).isEqualTo(BIG_CHUNKS);
            assertThat(r.request().completionTokens()).isEqualTo(BIG_CHUNKS);
        });
    }
}
