package io.lem.llamacpp.gguf;

import java.util.Locale;

/** Tensor element types the synthetic writer emits, with their ggml type ids. */
public enum TensorType {
    F32(0, 4),
    F16(1, 2);

    private final int ggmlType;
    private final int bytesPerElement;

    TensorType(int ggmlType, int bytesPerElement) {
        this.ggmlType = ggmlType;
        this.bytesPerElement = bytesPerElement;
    }

    public int ggmlType() {
        return ggmlType;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** The `general.file_type` value llama.cpp expects for a model whose matrices are all of this type. */
    public int fileType() {
        return ggmlType;
    }

    /** Parses "f16" / "F32" as written on a command line. */
    public static TensorType parse(String name) {
        for (TensorType t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tensor type '" + name + "': use f16 or f32");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
