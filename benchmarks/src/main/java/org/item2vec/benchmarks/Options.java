package org.item2vec.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options; a misspelt name is an error rather than silently ignored. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; known: " + known);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return has(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    /** A comma-separated list such as {@code 1,2,4,8}. */
    int[] integers(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
