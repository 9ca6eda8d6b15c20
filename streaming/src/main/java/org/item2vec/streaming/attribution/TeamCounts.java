package org.item2vec.streaming.attribution;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Counts per team (variant) that credits move in and out of; a team whose count is back to zero is dropped. */
final class TeamCounts {
    /**
     * Which team is ahead: one team with more than every other leads; two or more sharing the highest non-zero
     * count are tied; with nothing counted nobody leads and nothing is tied.
     */
    record Lead(String leader, boolean tied) {
        static final Lead NOBODY = new Lead(null, false);

        boolean isLeader(String team) {
            return team.equals(leader);
        }
    }

    private final Map<String, Long> counts;

    TeamCounts() {
        this(new TreeMap<>());
    }

    TeamCounts(Map<String, Long> counts) {
        this.counts = counts;
    }

    long get(String team) {
        return counts.getOrDefault(team, 0L);
    }

    void add(String team, long delta) {
        counts.merge(team, delta, (count, change) -> count + change == 0 ? null : count + change);
    }

    Map<String, Long> asMap() {
        return Collections.unmodifiableMap(counts);
    }

    Lead lead() {
        String leader = null;
        long most = 0;
        boolean tied = false;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() > most) {
                leader = entry.getKey();
                most = entry.getValue();
                tied = false;
            } else if (entry.getValue() == most) {
                tied = true;
            }
        }
        if (tied) {
            return new Lead(null, true);
        }
        return leader == null ? Lead.NOBODY : new Lead(leader, false);
    }
}
