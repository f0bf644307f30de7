package io.lem.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * HTTPS on the event loop: one {@link SSLEngine} per connection, its handshake and records driven by the same
 * selector as plain sockets. The host name is checked against the server's certificate (endpoint identification
 * "HTTPS") and sent as SNI when it is a name. {@code netIn} stays in write mode between calls, {@code netOut} in
 * read mode (holding what the socket has not taken yet).
 */
final class TlsLink implements Link {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private boolean endOfStream;
    /** True when the last read stopped with whole records still in netIn because the caller's buffer was full. */
    private boolean pending;

    TlsLink(SocketChannel channel, SSLContext context, String host, int port) throws SSLException {
        this.channel = channel;
        this.engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && !Character.isDigit(host.charAt(host.length() - 1)) && !host.contains(":")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(packet).flip();
        engine.beginHandshake();
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public boolean write(ByteBuffer request) throws IOException {
        if (!flush()) {
            return true;
        }
        if (handshaking()) {
            handshake(null);
            if (handshaking()) {
                return netOut.hasRemaining(); // else it waits for the server's records: a read event
            }
        }
        while (request.hasRemaining()) {
            wrap(request);
            if (!flush()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        if (!endOfStream && channel.read(netIn) < 0) {
            endOfStream = true;
        }
        if (handshaking() && !handshake(into)) {
            return into.position() > 0 ? into.position() : endOfStream ? -1 : 0;
        }
        netIn.flip();
        pending = false;
        try {
            while (netIn.hasRemaining()) {
                if (into.remaining() < engine.getSession().getApplicationBufferSize()) {
                    pending = true;
                    break;
                }
                SSLEngineResult r = engine.unwrap(netIn, into);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    endOfStream |= r.getStatus() == SSLEngineResult.Status.CLOSED;
                    break;
                }
            }
        } finally {
            netIn.compact();
        }
        if (into.position() > 0) {
            return into.position();
        }
        return endOfStream ? -1 : 0;
    }

    @Override
    public boolean buffered() {
        return pending;
    }

    private boolean handshaking() {
        SSLEngineResult.HandshakeStatus s = engine.getHandshakeStatus();
        return s != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && s != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /**
     * Runs the handshake as far as the socket allows now.
     *
     * @param into where application bytes arriving with the last handshake records go (null: none are read now)
     * @return true once the handshake is over; false while it waits for the server or for the socket to drain
     */
    private boolean handshake(ByteBuffer into) throws IOException {
        ByteBuffer sink = into == null ? ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()) : into;
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run(); // on the loop: a handshake per connection, not per request
                    }
                }
                case NEED_WRAP -> {
                    wrap(NOTHING);
                    if (!flush()) {
                        return false;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult r;
                    try {
                        r = engine.unwrap(netIn, sink);
                    } finally {
                        netIn.compact();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (endOfStream) {
                            throw new SSLException("the server closed the connection during the TLS handshake");
                        }
                        return false;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the server ended TLS during the handshake");
                    }
                }
                default -> {
                    return true;
                }
            }
        }
    }

    private void wrap(ByteBuffer source) throws SSLException {
        netOut.compact();
        try {
            SSLEngineResult r = engine.wrap(source, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS is closed: cannot send");
            }
        } finally {
            netOut.flip();
        }
    }

    /** Writes the TLS records waiting in netOut; true when none is left. */
    private boolean flush() throws IOException {
        if (netOut.hasRemaining()) {
            channel.write(netOut);
        }
        return !netOut.hasRemaining();
    }
}
