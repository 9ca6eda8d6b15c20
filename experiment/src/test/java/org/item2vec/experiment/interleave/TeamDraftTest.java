package org.item2vec.experiment.interleave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TeamDraftTest {
    @Test
    void teamsTakeTurnsAndNeverRepeatAnItem() {
        List<String> a = List.of("1", "2", "3", "4");
        List<String> b = List.of("2", "5", "1", "6");
        // A coin that always says "first ranker first".
        List<TeamDraft.Pick> merged = TeamDraft.merge(a, b, 6, fixedCoin(0));
        // Round 1: A takes 1, B takes 2. Round 2: A takes 3 (2 is taken), B takes 5. Round 3: A 4, B 6.
        assertEquals(List.of(new TeamDraft.Pick("1", 0), new TeamDraft.Pick("2", 1), new TeamDraft.Pick("3", 0),
                new TeamDraft.Pick("5", 1), new TeamDraft.Pick("4", 0), new TeamDraft.Pick("6", 1)), merged);
    }

    @Test
    void theCoinDecidesWhoPicksFirstInARound() {
        List<TeamDraft.Pick> merged = TeamDraft.merge(List.of("a1", "a2"), List.of("b1", "b2"), 4, fixedCoin(1));
        assertEquals(List.of(new TeamDraft.Pick("b1", 1), new TeamDraft.Pick("a1", 0), new TeamDraft.Pick("b2", 1),
                new TeamDraft.Pick("a2", 0)), merged);
    }

    @Test
    void whenOneRankingRunsOutTheOtherFillsTheList() {
        List<TeamDraft.Pick> merged = TeamDraft.merge(List.of("x"), List.of("y", "z", "w"), 4, fixedCoin(0));
        assertEquals(List.of(new TeamDraft.Pick("x", 0), new TeamDraft.Pick("y", 1), new TeamDraft.Pick("z", 1),
                new TeamDraft.Pick("w", 1)), merged);
    }

    @Test
    void stopsWhenBothRankingsAreUsedUp() {
        assertEquals(2, TeamDraft.merge(List.of("x"), List.of("x", "y"), 10, fixedCoin(0)).size());
        assertEquals(List.of(), TeamDraft.merge(List.of(), List.of(), 10, fixedCoin(0)));
    }

    @Test
    void identicalRankingsGiveTheSameListAndBalancedTeams() {
        List<String> ranking = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        RandomGenerator coin = new SplittableRandom(7);
        int[] first = new int[2];
        for (int trial = 0; trial < 2000; trial++) {
            List<TeamDraft.Pick> merged = TeamDraft.merge(ranking, ranking, 10, coin);
            assertEquals(ranking, merged.stream().map(TeamDraft.Pick::item).toList());
            assertEquals(5, merged.stream().filter(p -> p.team() == 0).count());
            first[merged.get(0).team()]++;
        }
        // The top slot goes to either team about equally often, so neither ranker gets a position bias.
        assertTrue(Math.abs(first[0] - 1000) < 4 * Math.sqrt(500), "first picks " + first[0] + " / " + first[1]);
    }

    private static RandomGenerator fixedCoin(int side) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return side;
            }

            @Override
            public int nextInt(int bound) {
                return side;
            }
        };
    }
}
