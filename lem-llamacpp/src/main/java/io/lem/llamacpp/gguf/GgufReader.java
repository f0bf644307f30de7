package io.lem.llamacpp.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Reads the header and metadata of a GGUF file (not the tensors). */
public final class GgufReader {
    private static final long MAX_STRING_BYTES = 1L << 26;
    private static final long MAX_COUNT = 1L << 32;

    private GgufReader() {
    }

    /** True when the file starts with the GGUF magic; false for any other or unreadable file. */
    public static boolean hasMagic(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            int read = 0;
            while (b.hasRemaining() && read >= 0) {
                read = ch.read(b);
            }
            return !b.hasRemaining() && b.getInt(0) == GgufWriter.MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    public static GgufInfo read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Source in = new Source(ch, path);
            int magic = in.getInt();
            if (magic != GgufWriter.MAGIC) {
                byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(magic).array();
                throw new GgufFormatException("not a GGUF file: bad magic 0x" + HexFormat.of().formatHex(bytes)
                        + " (expected 'GGUF') in " + path);
            }
            int version = in.getInt();
            if (version < 2 || version > 3) {
                throw new GgufFormatException("unsupported GGUF version " + version + " in " + path + " (need 2 or 3)");
            }
            long tensorCount = in.count("tensor count");
            long kvCount = in.count("metadata count");
            Map<String, Object> scalars = new HashMap<>();
            Map<String, Long> arrays = new HashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = in.getString();
                GgufValueType type = in.type();
                if (type == GgufValueType.ARRAY) {
                    GgufValueType elementType = in.type();
                    long length = in.count("array length of " + key);
                    arrays.put(key, length);
                    skipArray(in, elementType, length);
                } else {
                    scalars.put(key, in.scalar(type));
                }
            }
            return new GgufInfo(path, version, tensorCount, scalars, arrays);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
    }

    private static void skipArray(Source in, GgufValueType elementType, long length) throws IOException {
        if (elementType == GgufValueType.ARRAY) {
            throw in.corrupt("nested arrays are not supported");
        }
        if (elementType == GgufValueType.STRING) {
            for (long j = 0; j < length; j++) {
                in.skip(in.stringLength());
            }
        } else {
            in.skip(length * elementType.fixedSize());
        }
    }

    /** Little-endian buffered reads with errors that name the file. */
    private static final class Source {
        private final FileChannel channel;
        private final Path path;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Source(FileChannel channel, Path path) {
            this.channel = channel;
            this.path = path;
            buffer.limit(0);
        }

        private void need(int bytes) throws IOException {
            if (buffer.remaining() >= bytes) {
                return;
            }
            buffer.compact();
            while (buffer.position() < bytes) {
                if (channel.read(buffer) < 0) {
                    throw new GgufFormatException("truncated GGUF file " + path + " (unexpected end of file)");
                }
            }
            buffer.flip();
        }

        int getInt() throws IOException {
            need(4);
            return buffer.getInt();
        }

        long getLong() throws IOException {
            need(8);
            return buffer.getLong();
        }

        long count(String what) throws IOException {
            long n = getLong();
            if (n < 0 || n > MAX_COUNT) {
                throw corrupt("implausible " + what + " " + n);
            }
            return n;
        }

        GgufValueType type() throws IOException {
            int id = getInt();
            GgufValueType t = GgufValueType.of(id);
            if (t == null) {
                throw corrupt("unknown metadata value type " + id);
            }
            return t;
        }

        long stringLength() throws IOException {
            long n = getLong();
            if (n < 0 || n > MAX_STRING_BYTES) {
                throw corrupt("implausible string length " + n);
            }
            return n;
        }

        String getString() throws IOException {
            int n = (int) stringLength();
            byte[] bytes = new byte[n];
            int off = 0;
            while (off < n) {
                need(1);
                int k = Math.min(buffer.remaining(), n - off);
                buffer.get(bytes, off, k);
                off += k;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Object scalar(GgufValueType type) throws IOException {
            return switch (type) {
                case UINT8 -> { need(1); yield (long) Byte.toUnsignedInt(buffer.get()); }
                case INT8 -> { need(1); yield (long) buffer.get(); }
                case UINT16 -> { need(2); yield (long) Short.toUnsignedInt(buffer.getShort()); }
                case INT16 -> { need(2); yield (long) buffer.getShort(); }
                case UINT32 -> Integer.toUnsignedLong(getInt());
                case INT32 -> (long) getInt();
                case UINT64, INT64 -> getLong();
                case FLOAT32 -> { need(4); yield (double) buffer.getFloat(); }
                case FLOAT64 -> { need(8); yield buffer.getDouble(); }
                case BOOL -> { need(1); yield buffer.get() != 0; }
                case STRING -> getString();
                case ARRAY -> throw new IllegalStateException("arrays are skipped, not read as scalars");
            };
        }

        void skip(long bytes) throws IOException {
            long inBuffer = Math.min(bytes, buffer.remaining());
            buffer.position(buffer.position() + (int) inBuffer);
            long rest = bytes - inBuffer;
            if (rest > 0) {
                long target = channel.position() + rest;
                if (target > channel.size()) {
                    throw new GgufFormatException("truncated GGUF file " + path + " (unexpected end of file)");
                }
                channel.position(target);
            }
        }

        GgufFormatException corrupt(String problem) {
            return new GgufFormatException("corrupt GGUF metadata in " + path + ": " + problem);
        }
    }
}
