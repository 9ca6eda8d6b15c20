package org.item2vec.events.sessions;

import java.time.Duration;

/**
 * How clicks become sessions. The batch trainer (click-log files) and the streaming topology use the same
 * rules, so a session means the same thing in both.
 *
 * @param inactivityGap   a pause longer than this starts a new session (Airbnb: 30 minutes)
 * @param minLength       sessions with fewer items are dropped: they hold no item pair to learn from
 * @param collapseRepeats an item clicked again right after itself (a reload) counts once
 * @param minDwell        clicks with a known dwell time below this are accidental and dropped (Airbnb: 30 s)
 */
public record SessionRules(Duration inactivityGap, int minLength, boolean collapseRepeats, Duration minDwell) {
    public static final Duration DEFAULT_INACTIVITY_GAP = Duration.ofMinutes(30);
    public static final int DEFAULT_MIN_LENGTH = 2;
    public static final Duration DEFAULT_MIN_DWELL = Duration.ofSeconds(30);

    public static final SessionRules DEFAULT =
            new SessionRules(DEFAULT_INACTIVITY_GAP, DEFAULT_MIN_LENGTH, true, DEFAULT_MIN_DWELL);

    public SessionRules {
        if (inactivityGap.isNegative() || inactivityGap.isZero()) {
            throw new IllegalArgumentException("inactivity gap must be positive, got " + inactivityGap);
        }
        if (minLength < 1) {
            throw new IllegalArgumentException("minimum session length must be at least 1, got " + minLength);
        }
        if (minDwell.isNegative()) {
            throw new IllegalArgumentException("minimum dwell must not be negative, got " + minDwell);
        }
    }

    public SessionRules withInactivityGap(Duration gap) {
        return new SessionRules(gap, minLength, collapseRepeats, minDwell);
    }

    public SessionRules withMinLength(int length) {
        return new SessionRules(inactivityGap, length, collapseRepeats, minDwell);
    }

    public SessionRules withCollapseRepeats(boolean collapse) {
        return new SessionRules(inactivityGap, minLength, collapse, minDwell);
    }

    /** Whether a click with this dwell time (negative: unknown) is kept. Bookings are always kept. */
    public boolean keeps(ClickEvent event) {
        return event.type() == EventType.BOOK || event.dwellMs() < 0 || event.dwellMs() >= minDwell.toMillis();
    }
}
