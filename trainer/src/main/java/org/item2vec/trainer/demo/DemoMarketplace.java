package org.item2vec.trainer.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;

/**
 * A small synthetic marketplace for demos and tests: listings in a few markets, each with a neighbourhood,
 * a room type and a price bucket; users who browse one market, mostly listings that match what they are
 * looking for, and sometimes book one. Its ground truth (which listings resemble each other) is known, so a
 * demo can show that the learned neighbours make sense.
 */
public final class DemoMarketplace {
    public static final List<String> MARKETS = List.of("paris", "rome", "lisbon");
    private static final int NEIGHBOURHOODS = 4;
    private static final List<String> TYPES = List.of("entire-home", "private-room");
    private static final int PRICE_BUCKETS = 3;
    private static final int LISTINGS_PER_MARKET = 60;
    private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final double MATCHING_CLICK_SHARE = 0.85;
    private static final double BOOKING_SHARE = 0.3;

    /** A listing and its attributes; {@code id} is numeric so that it reads well in URLs. */
    public record Listing(String id, String market, int neighbourhood, String type, int priceBucket) {
        /** Whether a user looking for {@code other} would be as happy with this listing. */
        public boolean resembles(Listing other) {
            return market.equals(other.market) && neighbourhood == other.neighbourhood && type.equals(other.type);
        }
    }

    private final List<Listing> listings = new ArrayList<>();
    private final List<ClickEvent> clicks = new ArrayList<>();

    private DemoMarketplace() {
    }

    /** Generates listings and the clicks of {@code users} users; the same seed gives the same data. */
    public static DemoMarketplace generate(int users, long seed) {
        DemoMarketplace demo = new DemoMarketplace();
        Random random = new Random(seed);
        for (int m = 0; m < MARKETS.size(); m++) {
            for (int j = 0; j < LISTINGS_PER_MARKET; j++) {
                demo.listings.add(new Listing(String.valueOf(100 * (m + 1) * 10 + j), MARKETS.get(m),
                        random.nextInt(NEIGHBOURHOODS), TYPES.get(random.nextInt(TYPES.size())),
                        random.nextInt(PRICE_BUCKETS)));
            }
        }
        for (int u = 0; u < users; u++) {
            demo.browse("user-" + u, random);
        }
        demo.clicks.sort(Comparator.comparingLong(ClickEvent::timestampMs));
        return demo;
    }

    /** One user's 1–3 sessions, hours apart, each in one market looking for one kind of listing. */
    private void browse(String user, Random random) {
        long time = START_MS + (long) (random.nextDouble() * 7 * 86_400_000L);
        int sessions = 1 + random.nextInt(3);
        for (int s = 0; s < sessions; s++) {
            Visit visit = visit(randomListing(random), random);
            for (String item : visit.clicked()) {
                clicks.add(new ClickEvent(user, item, time, EventType.CLICK));
                time += 20_000 + random.nextInt(280_000);
            }
            if (visit.booked()) {
                clicks.add(new ClickEvent(user, visit.clicked().get(visit.clicked().size() - 1), time, EventType.BOOK));
            }
            time += 3_600_000L * (2 + random.nextInt(48));
        }
    }

    /**
     * One session of a user looking for listings like {@code wish}: 2–10 clicks, most on listings that
     * resemble it, the rest elsewhere in its market.
     *
     * @param clicked the listings clicked, in order
     * @param booked  whether the session ends in a booking of the last one
     */
    public record Visit(List<String> clicked, boolean booked) {
    }

    public Visit visit(Listing wish, Random random) {
        List<Listing> matching = listings.stream().filter(l -> l.resembles(wish)).toList();
        List<Listing> market = listings.stream().filter(l -> l.market().equals(wish.market())).toList();
        int length = 2 + random.nextInt(9);
        List<String> clicked = new ArrayList<>(length);
        for (int c = 0; c < length; c++) {
            List<Listing> pool = random.nextDouble() < MATCHING_CLICK_SHARE ? matching : market;
            clicked.add(pool.get(random.nextInt(pool.size())).id());
        }
        return new Visit(clicked, random.nextDouble() < BOOKING_SHARE);
    }

    public Listing randomListing(Random random) {
        return listings.get(random.nextInt(listings.size()));
    }

    public List<Listing> listings() {
        return List.copyOf(listings);
    }

    /** All clicks, in time order. */
    public List<ClickEvent> clicks() {
        return List.copyOf(clicks);
    }

    /** The clicks cut into sessions as the streaming application cuts them ({@link SessionRules#DEFAULT}). */
    public List<Session> sessions() {
        Map<String, List<ClickEvent>> byUser = new LinkedHashMap<>();
        clicks.forEach(click -> byUser.computeIfAbsent(click.user(), u -> new ArrayList<>()).add(click));
        List<Session> sessions = new ArrayList<>();
        byUser.values().forEach(userClicks -> sessions.addAll(Sessionizer.cut(userClicks, SessionRules.DEFAULT)));
        sessions.sort(Comparator.comparingLong(Session::endMs));
        return sessions;
    }

    public Listing listing(String id) {
        return listings.stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo listing " + id));
    }
}
