package org.item2vec.experiment.interleave;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims, "How does clickthrough data reflect retrieval
 * quality?", CIKM 2008). Two rankers are captains picking players: in each round the team with fewer picks
 * goes first (a coin decides a tie), and a captain picks its best item not yet on the list. Each item
 * remembers its team, so a click on it is a vote for the ranker that put it there. Because both rankers
 * show items to the same user in the same list, user-to-user differences cancel out, which is why far fewer
 * users tell two rankers apart than in an A/B test.
 */
public final class TeamDraft {
    /** One entry of the merged list. {@code team} is 0 for the first ranker, 1 for the second. */
    public record Pick(String item, int team) {
    }

    private TeamDraft() {
    }

    /** Merges the two rankings into at most {@code k} distinct items. */
    public static List<Pick> merge(List<String> first, List<String> second, int k, RandomGenerator coin) {
        List<List<String>> rankings = List.of(first, second);
        int[] next = new int[2];
        int[] picks = new int[2];
        Set<String> taken = new HashSet<>();
        List<Pick> merged = new ArrayList<>(k);
        while (merged.size() < k) {
            int team = picks[0] < picks[1] ? 0 : picks[1] < picks[0] ? 1 : coin.nextInt(2);
            String item = nextUntaken(rankings.get(team), next, team, taken);
            if (item == null) {
                // This team has nothing left to add; the other fills the rest of the list alone.
                team = 1 - team;
                item = nextUntaken(rankings.get(team), next, team, taken);
                if (item == null) {
                    break;
                }
            }
            taken.add(item);
            picks[team]++;
            merged.add(new Pick(item, team));
        }
        return merged;
    }

    private static String nextUntaken(List<String> ranking, int[] next, int team, Set<String> taken) {
        while (next[team] < ranking.size()) {
            String item = ranking.get(next[team]++);
            if (!taken.contains(item)) {
                return item;
            }
        }
        return null;
    }
}
