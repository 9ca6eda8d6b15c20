package org.item2vec.experiment.assign;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.Variant;

/**
 * Which variant of an experiment a user gets: deterministic and stateless, so every API instance agrees and
 * nothing is stored. The user id, prefixed with the experiment's salt, is hashed (MurmurHash3) to a point in
 * [0, 1), and the variants own consecutive slices of [0, 1) in proportion to their weights. Different salts
 * give unrelated hashes, so a user's variant in one experiment says nothing of their variant in another.
 */
public final class Assignment {
    /** 2^32: the number of distinct hash values. */
    private static final double HASH_RANGE = 4294967296.0;

    private Assignment() {
    }

    /** The user's point in [0, 1) for this salt. */
    public static double position(String salt, String user) {
        byte[] key = (salt + ':' + user).getBytes(StandardCharsets.UTF_8);
        return Integer.toUnsignedLong(Murmur3.hash32(key, 0)) / HASH_RANGE;
    }

    /** The user's variant; a request without a user ({@code null}) gets the control. */
    public static Variant variant(Experiment experiment, String user) {
        if (user == null) {
            return experiment.control();
        }
        List<Variant> variants = experiment.variants();
        double total = variants.stream().mapToDouble(Variant::weight).sum();
        double point = position(experiment.salt(), user) * total;
        double end = 0;
        for (Variant variant : variants) {
            end += variant.weight();
            if (point < end) {
                return variant;
            }
        }
        // Rounding can leave the last sliver of [0, total) unclaimed: it belongs to the last variant with weight.
        for (int i = variants.size() - 1; ; i--) {
            if (variants.get(i).weight() > 0) {
                return variants.get(i);
            }
        }
    }
}
