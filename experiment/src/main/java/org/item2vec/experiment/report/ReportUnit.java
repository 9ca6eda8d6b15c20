package org.item2vec.experiment.report;

import java.util.Locale;

/**
 * What one trial of a report's two-proportion tests is.
 */
public enum ReportUnit {
    /**
     * A user; success: the user clicked (booked) a listed item at least once. Users are what assignment
     * randomises, so their outcomes are independent and the test's assumptions hold. The default.
     */
    USERS,
    /**
     * A served list; success: it got at least one click. Gives more trials, but the lists of one user are
     * correlated, so the p-values come out too small when users see many lists; bookings are not compared.
     */
    EXPOSURES;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportUnit parse(String key) {
        for (ReportUnit unit : values()) {
            if (unit.key().equals(key)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("must be users or exposures, got '" + key + "'");
    }
}
