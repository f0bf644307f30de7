package io.lem.llamacpp.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a GGUF v3 file: header, metadata key/values, tensor infos, then 32-byte aligned tensor data.
 *
 * <p>Tensor data is pulled from a {@link TensorSource} in chunks and streamed to disk, so a multi-GB model
 * never sits in memory. The file appears atomically: it is written beside the target and renamed into place.
 */
public final class GgufWriter {
    public static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    public static final int VERSION = 3;
    public static final int ALIGNMENT = 32;

    private static final int BUFFER_BYTES = 1 << 20;
    private static final int CHUNK_ELEMENTS = 1 << 16;

    /** Produces a tensor's values in order; called repeatedly until the tensor is full. */
    @FunctionalInterface
    public interface TensorSource {
        void fill(float[] destination, int count);
    }

    private record Value(GgufValueType type, GgufValueType elementType, Object value) {}

    private record Tensor(String name, long[] dims, TensorType type, TensorSource source) {
        long elementCount() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        long byteCount() {
            return elementCount() * type.bytesPerElement();
        }
    }

    private final Map<String, Value> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    public GgufWriter putString(String key, String value) {
        return put(key, new Value(GgufValueType.STRING, null, Objects.requireNonNull(value)));
    }

    public GgufWriter putUint32(String key, int value) {
        return put(key, new Value(GgufValueType.UINT32, null, value));
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, new Value(GgufValueType.INT32, null, value));
    }

    public GgufWriter putUint64(String key, long value) {
        return put(key, new Value(GgufValueType.UINT64, null, value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, new Value(GgufValueType.FLOAT32, null, value));
    }

    public GgufWriter putFloat64(String key, double value) {
        return put(key, new Value(GgufValueType.FLOAT64, null, value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, new Value(GgufValueType.BOOL, null, value));
    }

    public GgufWriter putStringArray(String key, List<String> values) {
        return put(key, new Value(GgufValueType.ARRAY, GgufValueType.STRING, List.copyOf(values)));
    }

    public GgufWriter putFloat32Array(String key, float[] values) {
        return put(key, new Value(GgufValueType.ARRAY, GgufValueType.FLOAT32, values.clone()));
    }

    public GgufWriter putInt32Array(String key, int[] values) {
        return put(key, new Value(GgufValueType.ARRAY, GgufValueType.INT32, values.clone()));
    }

    /** Adds a tensor; {@code dims} are in ggml order (innermost, i.e. row length, first). */
    public GgufWriter addTensor(String name, long[] dims, TensorType type, TensorSource source) {
        if (dims.length == 0 || dims.length > 4) {
            throw new IllegalArgumentException("tensor " + name + " needs 1 to 4 dimensions, got " + dims.length);
        }
        tensors.add(new Tensor(name, dims.clone(), type, source));
        return this;
    }

    private GgufWriter put(String key, Value value) {
        if (metadata.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("metadata key written twice: " + key);
        }
        return this;
    }

    /** Writes the file atomically; returns {@code out}. */
    public Path write(Path out) throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Sink sink = new Sink(channel);
                writeHeader(sink);
                writeData(sink);
                sink.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return out;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void writeHeader(Sink sink) throws IOException {
        sink.putInt(MAGIC);
        sink.putInt(VERSION);
        sink.putLong(tensors.size());
        sink.putLong(metadata.size());
        for (Map.Entry<String, Value> e : metadata.entrySet()) {
            sink.putString(e.getKey());
            Value v = e.getValue();
            sink.putInt(v.type().id);
            if (v.type() == GgufValueType.ARRAY) {
                writeArray(sink, v);
            } else {
                writeScalar(sink, v.type(), v.value());
            }
        }
        long offset = 0;
        for (Tensor t : tensors) {
            sink.putString(t.name());
            sink.putInt(t.dims().length);
            for (long d : t.dims()) {
                sink.putLong(d);
            }
            sink.putInt(t.type().ggmlType());
            sink.putLong(offset);
            offset = align(offset + t.byteCount());
        }
        sink.padTo(ALIGNMENT);
    }

    private static void writeArray(Sink sink, Value v) throws IOException {
        sink.putInt(v.elementType().id);
        switch (v.value()) {
            case List<?> strings -> {
                sink.putLong(strings.size());
                for (Object s : strings) {
                    sink.putString((String) s);
                }
            }
            case float[] floats -> {
                sink.putLong(floats.length);
                for (float f : floats) {
                    sink.putFloat(f);
                }
            }
            case int[] ints -> {
                sink.putLong(ints.length);
                for (int i : ints) {
                    sink.putInt(i);
                }
            }
            default -> throw new IllegalStateException("unsupported array " + v.value().getClass());
        }
    }

    private static void writeScalar(Sink sink, GgufValueType type, Object value) throws IOException {
        switch (type) {
            case STRING -> sink.putString((String) value);
            case UINT32, INT32 -> sink.putInt((Integer) value);
            case UINT64 -> sink.putLong((Long) value);
            case FLOAT32 -> sink.putFloat((Float) value);
            case FLOAT64 -> sink.putDouble((Double) value);
            case BOOL -> sink.putByte((byte) ((Boolean) value ? 1 : 0));
            default -> throw new IllegalStateException("unsupported scalar " + type);
        }
    }

    private void writeData(Sink sink) throws IOException {
        float[] chunk = new float[CHUNK_ELEMENTS];
        for (Tensor t : tensors) {
            long remaining = t.elementCount();
            while (remaining > 0) {
                int n = (int) Math.min(remaining, chunk.length);
                t.source().fill(chunk, n);
                for (int i = 0; i < n; i++) {
                    if (t.type() == TensorType.F16) {
                        sink.putShort(Float.floatToFloat16(chunk[i]));
                    } else {
                        sink.putFloat(chunk[i]);
                    }
                }
                remaining -= n;
            }
            sink.padTo(ALIGNMENT);
        }
    }

    static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** A little-endian buffered writer that knows its absolute position (for padding). */
    private static final class Sink {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Sink(FileChannel channel) {
            this.channel = channel;
        }

        private void ensure(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
        }

        void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        void putByte(byte b) throws IOException {
            ensure(1);
            buffer.put(b);
            position += 1;
        }

        void putShort(short s) throws IOException {
            ensure(2);
            buffer.putShort(s);
            position += 2;
        }

        void putInt(int i) throws IOException {
            ensure(4);
            buffer.putInt(i);
            position += 4;
        }

        void putLong(long l) throws IOException {
            ensure(8);
            buffer.putLong(l);
            position += 8;
        }

        void putFloat(float f) throws IOException {
            ensure(4);
            buffer.putFloat(f);
            position += 4;
        }

        void putDouble(double d) throws IOException {
            ensure(8);
            buffer.putDouble(d);
            position += 8;
        }

        void putString(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            putLong(bytes.length);
            int off = 0;
            while (off < bytes.length) {
                ensure(1);
                int n = Math.min(buffer.remaining(), bytes.length - off);
                buffer.put(bytes, off, n);
                off += n;
            }
            position += bytes.length;
        }

        void padTo(int alignment) throws IOException {
            while (position % alignment != 0) {
                putByte((byte) 0);
            }
        }
    }
}
