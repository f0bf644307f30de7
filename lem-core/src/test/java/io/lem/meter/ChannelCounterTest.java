package io.lem.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelCounterTest {

    @TempDir
    Path tmp;

    private static void overwrite(Path file, String text) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
        }
    }

    @Test
    void rereadsTheSameOpenFileAsItChangesInPlace() throws IOException {
        Path file = Files.writeString(tmp.resolve("energy_uj"), "240422366267\n");
        try (ChannelCounter counter = new ChannelCounter(file)) {
            assertThat(counter.readLong()).isEqualTo(240422366267L);
            overwrite(file, "240422999999\n");
            assertThat(counter.readLong()).isEqualTo(240422999999L);
            overwrite(file, "00000000000000000042\n"); // leading zeros are digits, not overflow
            assertThat(counter.readLong()).isEqualTo(42);
        }
    }

    @Test
    void garbageEmptinessAndOverflowAreErrors() throws IOException {
        assertThatThrownBy(() -> new ChannelCounter(Files.writeString(tmp.resolve("a"), "n/a\n")))
                .hasMessageEndingWith("does not hold a whole number (byte 'n' at 0)");
        assertThatThrownBy(() -> new ChannelCounter(Files.writeString(tmp.resolve("b"), "\n")))
                .hasMessageEndingWith("is empty");
        assertThatThrownBy(() -> new ChannelCounter(Files.writeString(tmp.resolve("c"), "99999999999999999999\n")))
                .hasMessageEndingWith("holds a number too large for a counter");
        try (ChannelCounter max = new ChannelCounter(Files.writeString(tmp.resolve("d"), Long.MAX_VALUE + "\n"))) {
            assertThat(max.readLong()).isEqualTo(Long.MAX_VALUE);
        }
    }
}
