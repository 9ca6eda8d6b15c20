package org.item2vec.learn.online;

import java.util.BitSet;
import java.util.List;

/**
 * The most recent finished sessions, kept so that the live model can learn from them again (experience
 * replay). A batch trainer passes over its sessions many times (epochs) while its learning rate decays; a
 * stream shows each session once, and one pass leaves SGNS far from converged, the output vectors above all.
 * Replaying remembered sessions gives every session as many passes as the batch trainer's epochs.
 *
 * <p>A ring of {@code capacity} slots: a new session overwrites the oldest. Slots are persisted with the
 * model, so that a trainer that restarts replays exactly what an uninterrupted one would have.
 */
public final class SessionMemory {
    private final List<String>[] slots;
    private final BitSet dirtySlots = new BitSet();
    private long added;

    @SuppressWarnings("unchecked")
    public SessionMemory(int capacity) {
        this.slots = new List[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    /** Sessions remembered so far, including those overwritten since. */
    public long added() {
        return added;
    }

    /** Sessions held now. */
    public int size() {
        return (int) Math.min(added, slots.length);
    }

    /** Remembers a session (when the memory has room at all). */
    public void add(List<String> items) {
        if (slots.length == 0) {
            return;
        }
        int slot = (int) (added % slots.length);
        slots[slot] = List.copyOf(items);
        dirtySlots.set(slot);
        added++;
    }

    /**
     * The session remembered {@code age} sessions before the newest (0: the newest), or {@code null} when
     * there is none that old or it was overwritten.
     */
    public List<String> aged(long age) {
        if (age < 0 || age >= size()) {
            return null;
        }
        return slots[(int) ((added - 1 - age) % slots.length)];
    }

    /** The session in a slot, or {@code null}. */
    public List<String> slot(int slot) {
        return slots[slot];
    }

    /** Slots changed since the last call, which clears them. */
    public int[] takeDirtySlots() {
        int[] dirty = dirtySlots.stream().toArray();
        dirtySlots.clear();
        return dirty;
    }

    /** Puts back a persisted slot. */
    public void restoreSlot(int slot, List<String> items) {
        if (slot >= 0 && slot < slots.length) {
            slots[slot] = List.copyOf(items);
        }
    }

    /** Puts back the count of sessions remembered, saved with the slots. */
    public void restoreAdded(long count) {
        this.added = count;
    }
}
