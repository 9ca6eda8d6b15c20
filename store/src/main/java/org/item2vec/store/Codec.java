package org.item2vec.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Byte layouts of the store's values: little-endian floats and ints, UTF-8 keys. */
final class Codec {
    private Codec() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] floats(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    static byte[] ints(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    static int[] ints(byte[] bytes) {
        int[] values = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }

    /** A vocabulary entry: the item's row in memory and its count. */
    static byte[] rowAndCount(int row, long count) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(row).putLong(count).array();
    }

    static int row(byte[] rowAndCount) {
        return ByteBuffer.wrap(rowAndCount).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    static long count(byte[] rowAndCount) {
        return ByteBuffer.wrap(rowAndCount).order(ByteOrder.LITTLE_ENDIAN).getLong(4);
    }

    static byte[] longValue(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    static long longValue(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static byte[] intKey(int value) {
        return ByteBuffer.allocate(4).putInt(value).array(); // big-endian: keys sort numerically
    }

    static int intKey(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getInt();
    }

    static byte[] longKey(long value) {
        return ByteBuffer.allocate(8).putLong(value).array(); // big-endian: keys sort numerically
    }

    static long longKey(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
