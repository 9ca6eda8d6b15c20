package org.item2vec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.item2vec.learn.eval.NextItemEvaluation.Result;
import org.junit.jupiter.api.Test;

class GateDecisionTest {
    private static final double TOLERANCE = 0.05;
    private static final Result CURRENT = result(0.6, 0.25);

    private static Result result(double hitRate, double mrr) {
        return new Result("model", 10, hitRate, mrr, 400, 12);
    }

    @Test
    void withNothingToCompareTheCandidatePasses() {
        GateDecision nothingHeldOut = GateDecision.decide(null, CURRENT, TOLERANCE);
        assertTrue(nothingHeldOut.passed());
        assertTrue(nothingHeldOut.reason().contains("no held-out sessions"), nothingHeldOut.reason());

        GateDecision firstVersion = GateDecision.decide(result(0.01, 0.001), null, TOLERANCE);
        assertTrue(firstVersion.passed());
        assertTrue(firstVersion.reason().contains("no current version"), firstVersion.reason());
    }

    @Test
    void aCandidateExactlyAtTheToleranceFloorPasses() {
        Result atFloor = result(CURRENT.hitRate() * (1 - TOLERANCE), CURRENT.mrr() * (1 - TOLERANCE));
        GateDecision decision = GateDecision.decide(atFloor, CURRENT, TOLERANCE);
        assertTrue(decision.passed(), decision.reason());
        assertTrue(decision.reason().startsWith("not worse"), decision.reason());

        assertTrue(GateDecision.decide(CURRENT, CURRENT, 0).passed(), "equal passes with no tolerance");
    }

    @Test
    void aHitRateJustBelowTheFloorIsRefused() {
        double hitFloor = CURRENT.hitRate() * (1 - TOLERANCE);
        GateDecision decision = GateDecision.decide(result(Math.nextDown(hitFloor), CURRENT.mrr() * 2), CURRENT,
                TOLERANCE);
        assertFalse(decision.passed(), decision.reason());
        assertTrue(decision.reason().startsWith("worse"), decision.reason());
    }

    @Test
    void anMrrJustBelowTheFloorIsRefusedEvenWithABetterHitRate() {
        double mrrFloor = CURRENT.mrr() * (1 - TOLERANCE);
        GateDecision decision = GateDecision.decide(result(0.9, Math.nextDown(mrrFloor)), CURRENT, TOLERANCE);
        assertFalse(decision.passed(), decision.reason());
    }

    @Test
    void theReasonNamesTheFiguresOfBothModels() {
        GateDecision decision = GateDecision.decide(result(0.3, 0.125), CURRENT, TOLERANCE);
        assertFalse(decision.passed());
        for (String figure : new String[] {"HR@10", "0.3000", "0.6000", "MRR@10", "0.1250", "0.2500", "5 %"}) {
            assertTrue(decision.reason().contains(figure), figure + " in: " + decision.reason());
        }
    }

    @Test
    void theFiguresOfAResultAreWhatTheManifestRecords() {
        assertEquals(Map.of("hitRate", 0.6, "mrr", 0.25, "pairs", 400, "unknownPairs", 12),
                GateDecision.figures(CURRENT));
    }
}
