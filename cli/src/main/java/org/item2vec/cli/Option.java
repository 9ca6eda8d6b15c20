package org.item2vec.cli;

import java.util.List;
import java.util.stream.Stream;

/**
 * One command-line option: its readable long name, the other spellings it accepts (word2vec.c's single-dash
 * flags among them), what its value means (none for a flag) and its default.
 */
record Option(String name, List<String> aliases, String valueName, String defaultValue, String description) {
    static Option of(String name, String valueName, String defaultValue, String description, String... aliases) {
        return new Option(name, List.of(aliases), valueName, defaultValue, description);
    }

    /** An option that takes no value: giving it means true ({@code --name=false} also works). */
    static Option flag(String name, String description) {
        return new Option(name, List.of(), null, null, description);
    }

    boolean isFlag() {
        return valueName == null;
    }

    /** Every spelling that selects this option. */
    List<String> spellings() {
        return Stream.concat(Stream.of(name), aliases.stream()).toList();
    }
}
