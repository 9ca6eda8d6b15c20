package org.item2vec.experiment.define;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentJsonTest {
    @Test
    void fillsInTheDefaults() throws Exception {
        Experiment e = ExperimentJson.parse(json("{'variants': [{'name': 'control'}, {'name': 'wide', "
                + "'strategy': 'any-market', 'k': 20, 'model': 'v000003', 'ranking': 'next', 'weight': 3}]}"), "e1");
        assertEquals("e1", e.id());
        assertEquals("e1", e.salt());
        assertEquals(ExperimentMode.AB, e.mode());
        assertTrue(e.running());
        assertEquals(new Variant("control", 1, null, Strategy.SIMILAR_IN_MARKET, null, null), e.control());
        assertEquals(new Variant("wide", 3, "v000003", Strategy.ANY_MARKET, 20, "next"), e.variants().get(1));
    }

    @Test
    void writesWhatItReads() throws Exception {
        List<Experiment> experiments = ExperimentJson.parseAll(json("{'experiments': ["
                + "{'id': 'a', 'salt': 'x', 'description': 'two rankers', 'status': 'stopped', 'mode': 'interleaving',"
                + " 'variants': [{'name': 'c'}, {'name': 't', 'strategy': 'popularity'}]},"
                + "{'id': 'b', 'variants': [{'name': 'c', 'weight': 0.5}, {'name': 't', 'weight': 0.5, 'k': 5}]}]}"));
        assertEquals(experiments, ExperimentJson.parseAll(ExperimentJson.write(experiments)));
        assertFalse(experiments.get(0).running());
        Experiment single = experiments.get(1);
        assertEquals(single, ExperimentJson.parse(ExperimentJson.write(single), "b"));
    }

    @Test
    void refusesBadDefinitionsWithTheReason() {
        assertRefused("{'variants': [{'name': 'only'}]}", "at least two variants");
        assertRefused("{'variants': [{'name': 'a'}, {'name': 'a'}]}", "variant 'a' appears twice");
        assertRefused("{'variants': [{'name': 'a', 'weigth': 2}, {'name': 'b'}]}", "unknown field 'weigth'");
        assertRefused("{'variants': [{'name': 'a', 'weight': -1}, {'name': 'b'}]}", "'weight' must be");
        assertRefused("{'variants': [{'name': 'a', 'weight': 0}, {'name': 'b', 'weight': 0}]}", "add up to 0");
        assertRefused("{'variants': [{'name': 'a', 'k': 0}, {'name': 'b'}]}", "'k' must be");
        assertRefused("{'variants': [{'name': 'a', 'k': 2.5}, {'name': 'b'}]}", "'k' must be");
        assertRefused("{'variants': [{'name': 'a', 'strategy': 'random'}, {'name': 'b'}]}", "unknown strategy 'random'");
        assertRefused("{'variants': [{'name': 'a', 'ranking': 'best'}, {'name': 'b'}]}", "'ranking' must be");
        assertRefused("{'variants': [{'name': 'a b'}, {'name': 'b'}]}", "'name' must be 1 to 64 letters");
        assertRefused("{'variants': [{'name': 'interleaved'}, {'name': 'b'}]}", "reserved");
        assertRefused("{'mode': 'interleaving', 'variants': [{'name': 'a'}, {'name': 'b'}, {'name': 'c'}]}",
                "exactly two variants");
        assertRefused("{'mode': 'bandit', 'variants': [{'name': 'a'}, {'name': 'b'}]}", "unknown experiment mode");
        assertRefused("{'status': 'paused', 'variants': [{'name': 'a'}, {'name': 'b'}]}", "running or stopped");
        assertRefused("{'id': 'other', 'variants': [{'name': 'a'}, {'name': 'b'}]}", "differs from the path");
        assertRefused("{'salt': '', 'variants': [{'name': 'a'}, {'name': 'b'}]}", "'salt'");
        assertRefused("{'variants': [{'name': 'a'}, {'name': 'b'}]", "malformed JSON");
        assertRefused("[1]", "expected a JSON object");
        assertRefused("", "no JSON");
    }

    @Test
    void refusesAFileWithTwoExperimentsOfOneId() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class, () -> ExperimentJson.parseAll(
                json("{'experiments': [{'id': 'a', 'variants': [{'name': 'c'}, {'name': 't'}]},"
                        + "{'id': 'a', 'variants': [{'name': 'c'}, {'name': 't'}]}]}")));
        assertTrue(e.getMessage().contains("defined twice"), e.getMessage());
        assertThrows(InvalidExperimentException.class, () -> ExperimentJson.parseAll(json("{'list': []}")));
    }

    @Test
    void aNullModelMeansTheDefault() throws Exception {
        Experiment e = ExperimentJson.parse(json("{'variants': [{'name': 'a', 'model': null}, {'name': 'b'}]}"), "e");
        assertNull(e.control().model());
    }

    private static void assertRefused(String body, String reason) {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> ExperimentJson.parse(json(body), "e1"), body);
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say '" + reason + "'");
    }

    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
