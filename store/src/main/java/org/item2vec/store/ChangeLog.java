package org.item2vec.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one or more saves changed: the items whose vectors changed or that were evicted, and the listings
 * received. A reader that holds the store in memory applies these instead of reading everything again.
 *
 * @param sequence the number of the last save included
 * @param items    items to read again (absent now: evicted)
 * @param listings listings to read again
 */
public record ChangeLog(long sequence, Set<String> items, Set<String> listings) {
    private static final byte ITEM = 'i';
    private static final byte LISTING = 'l';

    public boolean isEmpty() {
        return items.isEmpty() && listings.isEmpty();
    }

    /** One save's entry: a kind byte, a length and the UTF-8 id, per change. */
    static byte[] encode(List<String> items, List<String> listings) {
        List<byte[]> ids = new ArrayList<>();
        int size = 0;
        for (String id : items) {
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            ids.add(bytes);
            size += 5 + bytes.length;
        }
        for (String id : listings) {
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            ids.add(bytes);
            size += 5 + bytes.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (int i = 0; i < ids.size(); i++) {
            buffer.put(i < items.size() ? ITEM : LISTING).putInt(ids.get(i).length).put(ids.get(i));
        }
        return buffer.array();
    }

    static final class Builder {
        private long sequence;
        private final Set<String> items = new LinkedHashSet<>();
        private final Set<String> listings = new LinkedHashSet<>();

        Builder(long sequence) {
            this.sequence = sequence;
        }

        void add(long entrySequence, byte[] entry) {
            ByteBuffer buffer = ByteBuffer.wrap(entry);
            while (buffer.hasRemaining()) {
                byte kind = buffer.get();
                byte[] id = new byte[buffer.getInt()];
                buffer.get(id);
                (kind == ITEM ? items : listings).add(new String(id, StandardCharsets.UTF_8));
            }
            sequence = entrySequence;
        }

        ChangeLog build() {
            return new ChangeLog(sequence, Set.copyOf(items), Set.copyOf(listings));
        }
    }
}
