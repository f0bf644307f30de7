package io.lem.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.lem.client.RequestRecord;
import io.lem.client.WireExchange;
import io.lem.client.WireProtocol;
import io.lem.time.Clock;

/**
 * The load generator's one event loop: a single thread with one selector drives every request of a run over
 * keep-alive HTTP/1.1 connections (java.nio, non-blocking), whether a closed loop or a schedule decides when the
 * next goes ({@link Feed}). The hot path reads into one buffer and parses in place ({@link WireExchange}); finished
 * records go to a writer thread in batches ({@link RecordHandoff}), so no file is written on the loop. A connection
 * is reused when its response ended cleanly; a reused one the server closed before answering is retried once on a
 * fresh connection (an idle keep-alive timeout), which is not a failure of the request. An https endpoint's
 * connections carry their bytes through {@link TlsLink} on the same selector.
 */
final class LoadEngine {

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final WireProtocol wire;
    private final Clock clock;
    private final RequestFactory factory;
    private final LoadWatch watch;
    private final long timeoutNs;
    /** The TLS context of an https endpoint, null for plain http. */
    private final SSLContext tls;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final ArrayDeque<InFlight.Connection> idle = new ArrayDeque<>();
    /** One instance for every select: a method reference made at each call would be an allocation per wakeup. */
    private final Consumer<SelectionKey> onReady = this::ready;
    private final InFlight.Queue inFlight = new InFlight.Queue();
    private Selector selector;
    private RecordHandoff handoff;
    private Feed feed;
    private int inFlightCount;

    /** @param tls the context an https endpoint is spoken through (ignored for plain http) */
    LoadEngine(WireProtocol wire, Clock clock, RequestFactory factory, LoadWatch watch, SSLContext tls) {
        this.wire = wire;
        this.tls = wire.tls() ? tls : null;
        this.clock = clock;
        this.factory = factory;
        this.watch = watch;
        this.timeoutNs = wire.timeout().toNanos();
    }

    /** Runs {@code feed} to its end (or until {@code stop}) on the calling thread; records go to {@code state}. */
    void run(Feed feed, RunState state, LoadStop stop) throws InterruptedException {
        this.feed = feed;
        try (Selector s = Selector.open()) {
            selector = s;
            handoff = new RecordHandoff(state, clock.nanoTime());
            Runnable unregister = stop.onStop(s::wakeup);
            try {
                loop(stop);
            } finally {
                unregister.run();
                closeAll(stop.stopped() ? stop.reason() : "interrupted");
                handoff.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the load engine's selector failed: " + e.getMessage(), e);
        }
    }

    private void loop(LoadStop stop) throws IOException, InterruptedException {
        while (true) {
            long now = clock.nanoTime();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!stop.stopped()) {
                for (Arrival a = feed.next(now, inFlightCount); a != null; a = feed.next(now, inFlightCount)) {
                    start(a, feed.scheduledNs(a));
                }
            }
            if (inFlightCount == 0 && (stop.stopped() || feed.finished(now))) {
                return;
            }
            handoff.flushIfDue(now);
            long waitNs = Math.min(stop.stopped() ? 0 : feed.waitNs(now, inFlightCount), handoff.dueInNs(now));
            InFlight oldest = inFlight.first();
            if (oldest != null) {
                waitNs = Math.min(waitNs, Math.max(0, oldest.deadlineNs - now));
            }
            long waitMs = waitNs / 1_000_000;
            if (waitMs > 0) {
                selector.select(onReady, Math.min(waitMs, 60_000));
            } else {
                selector.selectNow(onReady); // the next send is due within a millisecond: spin for it
            }
            if (stop.stopped()) {
                return;
            }
            expire(clock.nanoTime());
        }
    }

    private void start(Arrival arrival, long scheduledNs) throws IOException {
        watch.begin();
        WireExchange exchange = wire.start(factory.create(arrival));
        InFlight f = new InFlight(exchange, arrival, scheduledNs, exchange.sendNs() + timeoutNs);
        inFlight.add(f);
        inFlightCount++;
        InFlight.Connection c = idle.pollFirst();
        while (c != null && c.closed) {
            c = idle.pollFirst();
        }
        if (c == null) {
            connect(f);
        } else {
            attach(c, f);
            write(c);
        }
    }

    private void connect(InFlight f) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            InFlight.Connection c = new InFlight.Connection(channel);
            if (tls != null) {
                c.link = new TlsLink(channel, tls, wire.endpoint().getHost(), wire.address().getPort());
            }
            attach(c, f);
            if (channel.connect(wire.address())) {
                c.key = channel.register(selector, SelectionKey.OP_READ, c);
                c.interest = SelectionKey.OP_READ;
                write(c);
            } else {
                c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
                c.interest = SelectionKey.OP_CONNECT;
            }
        } catch (IOException e) {
            InFlight.closeQuietly(channel);
            f.connection = null;
            finish(f, f.exchange.failed(e));
        }
    }

    private static void attach(InFlight.Connection c, InFlight f) {
        c.current = f;
        f.connection = c;
    }

    private void ready(SelectionKey key) {
        InFlight.Connection c = (InFlight.Connection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                if (!c.channel.finishConnect()) {
                    return;
                }
                c.interest(SelectionKey.OP_READ);
                write(c);
            }
            if (key.isValid() && key.isWritable()) {
                write(c);
            }
            if (key.isValid() && key.isReadable()) {
                read(c);
            }
        } catch (IOException e) {
            failConnection(c, e);
        }
    }

    private void write(InFlight.Connection c) throws IOException {
        boolean blocked = c.link.write(c.current.exchange.request());
        c.interest(blocked ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(InFlight.Connection c) throws IOException {
        do {
            readBuffer.clear();
            int n = c.link.read(readBuffer);
            InFlight f = c.current;
            if (f == null) {
                if (n != 0) {
                    close(c); // an idle connection the server closed, or one it wrote to unasked
                }
                return; // n == 0: TLS records of its own (a session ticket) on an idle connection
            }
            if (n < 0) {
                if (c.reused && !f.exchange.responseStarted() && !f.retried) {
                    retry(c, f);
                    return;
                }
                settle(c, f, f.exchange.closed());
                return;
            }
            if (n > 0) {
                f.exchange.feed(readBuffer.array(), 0, n, clock.nanoTime());
                settle(c, f, f.exchange.record());
            } else if (f.exchange.request().hasRemaining()) {
                write(c); // the TLS handshake moved on: the request may go now
            }
        } while (c.link.buffered() && !c.closed);
    }

    /** Delivers a record that became known and frees or closes the connection once its response is over. */
    private void settle(InFlight.Connection c, InFlight f, RequestRecord record) {
        if (record != null && !f.delivered) {
            deliver(f, record);
        }
        if (f.exchange.done() || f.delivered && c.closed) {
            inFlight.remove(f);
            c.current = null;
            if (f.exchange.reusable() && !c.closed) {
                c.reused = true;
                idle.addFirst(c); // the most recently used first: its socket buffers are warm
            } else {
                close(c);
            }
        }
    }

    private void retry(InFlight.Connection stale, InFlight f) {
        stale.current = null;
        close(stale);
        f.retried = true;
        f.exchange.rewind();
        connect(f);
    }

    private void deliver(InFlight f, RequestRecord record) {
        f.delivered = true;
        inFlightCount--;
        watch.end(record);
        handoff.add(new LoadRecord(record, f.arrival.portion(), f.scheduledNs), clock.nanoTime());
    }

    private void finish(InFlight f, RequestRecord record) {
        if (!f.delivered) {
            deliver(f, record);
        }
        inFlight.remove(f);
    }

    private void failConnection(InFlight.Connection c, IOException e) {
        InFlight f = c.current;
        c.current = null;
        close(c);
        if (f != null) {
            finish(f, f.exchange.failed(e));
        }
    }

    /** Times out every request past its deadline (the oldest first), closing its connection. */
    private void expire(long nowNs) {
        for (InFlight f = inFlight.first(); f != null && f.deadlineNs <= nowNs; f = inFlight.first()) {
            InFlight.Connection c = f.connection;
            if (c != null) {
                c.current = null;
                close(c);
            }
            finish(f, f.exchange.timedOut());
        }
    }

    private void closeAll(String reason) {
        for (InFlight f = inFlight.first(); f != null; f = inFlight.first()) {
            if (f.connection != null) {
                f.connection.current = null;
                close(f.connection);
            }
            finish(f, f.exchange.cancelled(reason));
        }
        for (InFlight.Connection c : idle) {
            close(c);
        }
        idle.clear();
    }

    private static void close(InFlight.Connection c) {
        c.close();
    }
}
