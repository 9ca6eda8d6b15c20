package org.item2vec.experiment.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentMode;
import org.item2vec.experiment.define.Strategy;
import org.item2vec.experiment.define.Variant;
import org.junit.jupiter.api.Test;

class AssignmentTest {
    private static final int USERS = 100_000;

    @Test
    void aUserAlwaysGetsTheSameVariant() {
        Experiment experiment = experiment("e1", "salt-1", 1, 1, 1);
        for (int u = 0; u < 1000; u++) {
            String user = "user-" + u;
            Variant first = Assignment.variant(experiment, user);
            for (int again = 0; again < 3; again++) {
                assertEquals(first, Assignment.variant(experiment, user));
            }
            // A copy of the definition, as another API instance would hold it, agrees.
            assertEquals(first.name(), Assignment.variant(experiment("e1", "salt-1", 1, 1, 1), user).name());
        }
    }

    @Test
    void sharesMatchTheWeightsWithinSamplingError() {
        double[] weights = {50, 30, 20};
        Experiment experiment = experiment("e1", "s", weights);
        Map<String, Integer> counts = count(experiment);
        for (int i = 0; i < weights.length; i++) {
            double p = weights[i] / 100;
            double expected = USERS * p;
            double sd = Math.sqrt(USERS * p * (1 - p));
            int observed = counts.getOrDefault("v" + i, 0);
            // 4 standard deviations: a correct assignment fails this once in about 16,000 runs, and the
            // hash is deterministic, so it either always passes or always fails.
            assertTrue(Math.abs(observed - expected) < 4 * sd,
                    "variant v" + i + ": " + observed + " users, expected " + expected + " ± " + 4 * sd);
        }
    }

    @Test
    void aZeroWeightVariantGetsNobody() {
        Map<String, Integer> counts = count(experiment("e1", "s", 1, 0, 1));
        assertEquals(null, counts.get("v1"));
        assertEquals(USERS, counts.get("v0") + counts.get("v2"));
    }

    @Test
    void aNewSaltReshufflesTheUsers() {
        Experiment before = experiment("e1", "salt-a", 1, 1);
        Experiment after = experiment("e1", "salt-b", 1, 1);
        int moved = 0;
        for (int u = 0; u < USERS; u++) {
            String user = "user-" + u;
            moved += Assignment.variant(before, user).equals(Assignment.variant(after, user)) ? 0 : 1;
        }
        // Independent 50/50 draws disagree half the time: 50,000 ± 158 (1 sd).
        assertTrue(Math.abs(moved - USERS / 2) < 4 * Math.sqrt(USERS * 0.25), moved + " of " + USERS + " moved");
    }

    @Test
    void experimentsAssignIndependently() {
        Experiment first = experiment("e1", "e1", 1, 1);
        Experiment second = experiment("e2", "e2", 1, 1);
        long[][] table = new long[2][2];
        for (int u = 0; u < USERS; u++) {
            String user = "user-" + u;
            table[index(Assignment.variant(first, user))][index(Assignment.variant(second, user))]++;
        }
        // Chi-square test of independence on the 2×2 table, 1 degree of freedom: below 10.83 at p = 0.001.
        double chiSquare = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double rows = table[i][0] + table[i][1];
                double columns = table[0][j] + table[1][j];
                double expected = rows * columns / USERS;
                chiSquare += Math.pow(table[i][j] - expected, 2) / expected;
            }
        }
        assertTrue(chiSquare < 10.83, "chi-square " + chiSquare + " for " + java.util.Arrays.deepToString(table));
    }

    @Test
    void noUserMeansTheControl() {
        Experiment experiment = experiment("e1", "s", 0, 1);
        assertEquals("v0", Assignment.variant(experiment, null).name());
    }

    @Test
    void positionsAreSpreadOverTheUnitInterval() {
        int[] deciles = new int[10];
        for (int u = 0; u < USERS; u++) {
            double position = Assignment.position("s", Integer.toString(u));
            assertTrue(position >= 0 && position < 1, "position " + position);
            deciles[(int) (position * 10)]++;
        }
        for (int count : deciles) {
            assertTrue(Math.abs(count - USERS / 10) < 4 * Math.sqrt(USERS * 0.09), java.util.Arrays.toString(deciles));
        }
    }

    private static int index(Variant variant) {
        return Integer.parseInt(variant.name().substring(1));
    }

    private static Map<String, Integer> count(Experiment experiment) {
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            counts.merge(Assignment.variant(experiment, "user-" + u).name(), 1, Integer::sum);
        }
        return counts;
    }

    static Experiment experiment(String id, String salt, double... weights) {
        List<Variant> variants = new java.util.ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            variants.add(new Variant("v" + i, weights[i], null, Strategy.SIMILAR_IN_MARKET, null, null));
        }
        return new Experiment(id, "", salt, ExperimentMode.AB, true, variants);
    }
}
