package org.item2vec.experiment.events;

/**
 * What the attribution job has counted for one variant of an experiment. Counts only grow, except the
 * interleaving preferences, which move as a user's clicks change which team is ahead.
 *
 * @param exposures        lists served
 * @param users            distinct users served at least one list
 * @param clicks           clicks on a listed item within the attribution window of its list
 * @param bookings         bookings of a listed item within that window
 * @param clickedExposures lists that got at least one such click
 * @param clickingUsers    users with at least one such click
 * @param bookingUsers     users with at least one such booking
 * @param wonExposures     interleaving: lists where this variant's items got more clicks than the other's
 * @param preferringUsers  interleaving: users whose clicks, over all their lists, favour this variant
 */
public record VariantCounts(long exposures, long users, long clicks, long bookings, long clickedExposures,
                            long clickingUsers, long bookingUsers, long wonExposures, long preferringUsers) {
    public static final VariantCounts ZERO = new VariantCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public VariantCounts plus(VariantCounts other) {
        return new VariantCounts(exposures + other.exposures, users + other.users, clicks + other.clicks,
                bookings + other.bookings, clickedExposures + other.clickedExposures,
                clickingUsers + other.clickingUsers, bookingUsers + other.bookingUsers,
                wonExposures + other.wonExposures, preferringUsers + other.preferringUsers);
    }

    /** Clicks per list served; 0 before the first list. */
    public double clickThroughRate() {
        return exposures == 0 ? 0 : (double) clicks / exposures;
    }
}
