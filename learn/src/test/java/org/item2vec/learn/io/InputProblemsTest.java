package org.item2vec.learn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputProblemsTest {
    @Test
    void startsEmpty() {
        InputProblems problems = new InputProblems();
        assertTrue(problems.isEmpty());
        assertEquals(0, problems.total());
        assertEquals("0 rows skipped\n  first:", problems.summary());
    }

    @Test
    void singleProblemIsSingular() {
        InputProblems problems = new InputProblems();
        problems.add(7, "item is empty");
        assertFalse(problems.isEmpty());
        assertEquals(1, problems.total());
        assertEquals("1 row skipped\n  1 × item is empty\n  first:\n    line 7: item is empty", problems.summary());
    }

    @Test
    void summaryCountsByReasonAndKeepsTheFirstFiveExamples() {
        InputProblems problems = new InputProblems();
        problems.add(2, "item is empty");
        problems.add(3, "timestamp 'abc' is not a number");
        problems.add(5, "item is empty");
        problems.add(8, "timestamp 'x' is not a number");
        problems.add(9, "item is empty");
        problems.add(10, "timestamp '' is not a number");
        problems.add(11, "unknown event type 'cart'");
        assertEquals(7, problems.total());
        assertEquals("7 rows skipped\n"
                + "  3 × item is empty\n"
                + "  3 × timestamp '…' is not a number\n"
                + "  1 × unknown event type '…'\n"
                + "  first:\n"
                + "    line 2: item is empty\n"
                + "    line 3: timestamp 'abc' is not a number\n"
                + "    line 5: item is empty\n"
                + "    line 8: timestamp 'x' is not a number\n"
                + "    line 9: item is empty", problems.summary());
    }

    @Test
    void reasonsKeepTheirFirstSeenOrder() {
        InputProblems problems = new InputProblems();
        problems.add(1, "b reason");
        problems.add(2, "a reason");
        problems.add(3, "b reason");
        String summary = problems.summary();
        assertTrue(summary.indexOf("2 × b reason") < summary.indexOf("1 × a reason"), summary);
    }
}
