package org.item2vec.experiment.stats;

/**
 * Which of two rankers users prefer, from team-draft interleaving: each interleaved list (or each user) is a win
 * for the ranker whose items got more clicks, or a tie.
 *
 * <p>The preference is Chapelle, Joachims, Radlinski and Yue's Δ ("Large-scale validation and analysis of
 * interleaved search evaluation", ACM TOIS 30(1), 2012), oriented so that a positive value favours B:
 * <pre>
 *   Δ = (wins_B + ties / 2) / (wins_A + wins_B + ties) − 1/2,
 * </pre>
 * between −1/2 (A always wins) and 1/2 (B always wins). Its p-value is the exact {@link SignTest} of wins_A
 * against wins_B: ties say nothing about which ranker is better, so they are left out of the test.
 */
public final class InterleavingPreference {

    private InterleavingPreference() {
    }

    /**
     * @param delta   Δ; positive when B is preferred, 0 without outcomes
     * @param pValue  two-sided p-value of the sign test on the decided outcomes; 1 without any
     * @param decided wins_A + wins_B, the outcomes the test is based on
     */
    public record Result(double delta, double pValue, long decided) {
    }

    /**
     * The preference between A and B from counts of interleaving outcomes.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static Result of(long winsA, long winsB, long ties) {
        if (winsA < 0 || winsB < 0 || ties < 0) {
            throw new IllegalArgumentException("negative outcome count: " + winsA + " wins of A, " + winsB
                    + " wins of B, " + ties + " ties");
        }
        long outcomes = winsA + winsB + ties;
        double delta = outcomes == 0 ? 0 : (winsB + ties / 2.0) / outcomes - 0.5;
        return new Result(delta, SignTest.twoSidedP(winsA, winsB), winsA + winsB);
    }
}
