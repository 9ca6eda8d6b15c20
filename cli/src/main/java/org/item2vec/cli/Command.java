package org.item2vec.cli;

import java.io.PrintStream;
import java.util.List;

/** A subcommand of {@code bin/item2vec}. */
interface Command {
    String name();

    /** One line for the list of commands. */
    String summary();

    List<Option> options();

    /** Runs the command; returns the process exit code. Progress and diagnostics go to {@code err}. */
    int run(Arguments args, PrintStream out, PrintStream err) throws Exception;
}
