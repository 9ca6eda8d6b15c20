package org.item2vec.streaming.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.streaming.events.Click;

/**
 * The aggregate of one session window while it is open: its clicks in time order (late clicks are inserted
 * where they belong), which click arrived last, and how many clicks did not fit under the cap.
 */
public final class OpenSession {
    private final List<Click> clicks;
    private int latest;
    private int overflow;

    public OpenSession() {
        this(new ArrayList<>(), -1, 0);
    }

    OpenSession(List<Click> clicks, int latest, int overflow) {
        this.clicks = clicks;
        this.latest = latest;
        this.overflow = overflow;
    }

    /** Adds a click in time order, after clicks with the same timestamp; at the cap it is only counted. */
    public OpenSession add(Click click, int maxEvents) {
        if (clicks.size() >= maxEvents) {
            overflow++;
            latest = -1;
            return this;
        }
        int position = clicks.size();
        while (position > 0 && clicks.get(position - 1).timestampMs() > click.timestampMs()) {
            position--;
        }
        clicks.add(position, click);
        latest = position;
        return this;
    }

    /** Combines two sessions that a click has bridged. */
    public OpenSession merge(OpenSession other, int maxEvents) {
        OpenSession merged = new OpenSession(new ArrayList<>(clicks), -1, overflow + other.overflow);
        for (Click click : other.clicks) {
            merged.add(click, maxEvents);
        }
        merged.latest = -1;
        return merged;
    }

    public List<Click> clicks() {
        return clicks;
    }

    public List<ClickEvent> events() {
        return clicks.stream().map(Click::event).toList();
    }

    /** Index of the click added last, or -1 when the last change was a merge or an overflow. */
    public int latest() {
        return latest;
    }

    /** Clicks dropped because the session reached the cap (usually a bot). */
    public int overflow() {
        return overflow;
    }

    /** The most frequent market among the clicks (the first seen on a tie), or {@code null}. */
    public String market() {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        for (Click click : clicks) {
            if (click.market() != null) {
                int count = counts.merge(click.market(), 1, Integer::sum);
                if (count > bestCount) {
                    best = click.market();
                    bestCount = count;
                }
            }
        }
        return best;
    }
}
