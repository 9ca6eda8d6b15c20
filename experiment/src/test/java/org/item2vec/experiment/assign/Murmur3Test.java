package org.item2vec.experiment.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Murmur3Test {
    /** Published test vectors of MurmurHash3_x86_32 (the same values Guava and mmh3 give). */
    @Test
    void matchesTheReferenceImplementation() {
        assertEquals(0, hash("", 0));
        assertEquals(0x514E28B7, hash("", 1));
        assertEquals(0x81F16F39, hash("", 0xffffffff));
        assertEquals(0x2362F9DE, Murmur3.hash32(new byte[4], 0));
        assertEquals(0x5A97808A, hash("aaaa", 0x9747b28c));
        assertEquals(0xB3DD93FA, hash("abc", 0));
        assertEquals(0x24884CBA, hash("Hello, world!", 0x9747b28c));
        assertEquals(0x2E4FF723, hash("The quick brown fox jumps over the lazy dog", 0));
        assertEquals(0x2FA826CD, hash("The quick brown fox jumps over the lazy dog", 0x9747b28c));
    }

    private static int hash(String text, int seed) {
        return Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), seed);
    }
}
