package org.item2vec.experiment.report;

import java.util.Locale;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.VariantCounts;

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

    /** Trials with a click: users who clicked, or lists that got a click. */
    long clickSuccesses(VariantCounts counts) {
        return this == USERS ? counts.clickingUsers() : counts.clickedExposures();
    }

    /** Trials: users, or lists served. */
    long trials(VariantCounts counts) {
        return this == USERS ? counts.users() : counts.exposures();
    }

    /** Interleaving wins of a variant: users who preferred it, or lists it won. */
    long wins(VariantCounts counts) {
        return this == USERS ? counts.preferringUsers() : counts.wonExposures();
    }

    /** Interleaving ties: users, or lists. */
    long ties(ExperimentCounts counts) {
        return this == USERS ? counts.tiedUsers() : counts.tiedExposures();
    }

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
