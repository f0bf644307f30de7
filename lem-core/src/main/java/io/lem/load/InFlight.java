package io.lem.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import io.lem.client.WireExchange;

/**
 * One request between its send and the end of its response, as the event loop tracks it: its exchange, the
 * connection carrying it, and its place in the list of requests ordered by deadline (which, with one timeout for
 * all, is the order they were sent in, so the oldest is always the first to expire).
 */
final class InFlight {

    /** A socket, how its bytes move (plain or TLS) and what it carries now; idle between requests. */
    static final class Connection {
        final SocketChannel channel;
        Link link;
        SelectionKey key;
        InFlight current;
        /** True once it carried a whole response: a close before the next answer may be a stale keep-alive. */
        boolean reused;
        boolean closed;
        int interest;

        Connection(SocketChannel channel) {
            this.channel = channel;
            this.link = new Link.Plain(channel);
        }

        /** Asks the selector for {@code ops}, only when they change (each change is a system call). */
        void interest(int ops) {
            if (interest != ops) {
                key.interestOps(ops);
                interest = ops;
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                if (key != null) {
                    key.cancel();
                }
                closeQuietly(channel);
            }
        }
    }

    final WireExchange exchange;
    final Arrival arrival;
    final long scheduledNs;
    final long deadlineNs;
    Connection connection;
    boolean delivered;
    boolean retried;
    InFlight previous;
    InFlight next;

    InFlight(WireExchange exchange, Arrival arrival, long scheduledNs, long deadlineNs) {
        this.exchange = exchange;
        this.arrival = arrival;
        this.scheduledNs = scheduledNs;
        this.deadlineNs = deadlineNs;
    }

    static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that already failed: nothing left to report
            }
        }
    }

    /** The requests in flight, oldest first; linking and unlinking are O(1). */
    static final class Queue {
        private InFlight first;
        private InFlight last;

        void add(InFlight f) {
            f.previous = last;
            f.next = null;
            if (last == null) {
                first = f;
            } else {
                last.next = f;
            }
            last = f;
        }

        void remove(InFlight f) {
            if (f.previous == null && first != f) {
                return; // not linked
            }
            if (f.previous == null) {
                first = f.next;
            } else {
                f.previous.next = f.next;
            }
            if (f.next == null) {
                last = f.previous;
            } else {
                f.next.previous = f.previous;
            }
            f.previous = null;
            f.next = null;
        }

        InFlight first() {
            return first;
        }
    }
}
