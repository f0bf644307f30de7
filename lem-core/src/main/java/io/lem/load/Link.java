package io.lem.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * How the event loop moves a connection's bytes: as they are (plain HTTP) or through TLS ({@link TlsLink}). Both are
 * non-blocking and driven by the selector: a call does what the socket allows now and says what it waits for.
 */
sealed interface Link permits Link.Plain, TlsLink {

    /**
     * Sends what it can of {@code request} (for TLS, once the handshake allows).
     *
     * @return true when the socket must become writable before more can go (OP_WRITE)
     */
    boolean write(ByteBuffer request) throws IOException;

    /**
     * Reads the response bytes that arrived into {@code into} (cleared by the caller).
     *
     * @return bytes placed (0: none yet, e.g. handshake records only), or -1 at the end of the stream
     */
    int read(ByteBuffer into) throws IOException;

    /** True when bytes already taken from the socket wait to be read (call {@link #read} again, no event comes). */
    boolean buffered();

    SocketChannel channel();

    /** Plain HTTP: the socket's own bytes. */
    record Plain(SocketChannel channel) implements Link {

        @Override
        public boolean write(ByteBuffer request) throws IOException {
            channel.write(request);
            return request.hasRemaining();
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            return channel.read(into);
        }

        @Override
        public boolean buffered() {
            return false;
        }
    }
}
