package org.item2vec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.store.StoreException;
import org.item2vec.streaming.app.KafkaUnavailableException;
import org.item2vec.trainer.retrain.RetrainException;

/** {@code bin/item2vec}: one entry point that dispatches to the subcommands. */
public final class Item2Vec {
    private static final int USAGE_ERROR = 2;
    private static final int INPUT_ERROR = 1;

    private Item2Vec() {
    }

    static List<Command> commands() {
        return List.of(new DemoCommand(), new BatchDemoCommand(), new TrainCommand(), new NeighboursCommand(), new EvalCommand(),
                new BenchCommand(), new ReplayCommand(), new TuneCommand(), new StreamingCommand(), new TrainerCommand(), new RetrainCommand(), new RollbackCommand(), new ApiCommand());
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || isHelp(args[0])) {
            printCommands(args.length == 0 ? err : out);
            return args.length == 0 ? USAGE_ERROR : 0;
        }
        Command command = commands().stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("item2vec: unknown command '" + args[0] + "'");
            printCommands(err);
            return USAGE_ERROR;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (rest.length > 0 && isHelp(rest[0])) {
            printOptions(command, out);
            return 0;
        }
        try {
            return command.run(Arguments.parse(command.name(), command.options(), rest), out, err);
        } catch (UsageException e) {
            err.println("item2vec " + command.name() + ": " + e.getMessage());
            err.println("see 'item2vec " + command.name() + " --help'");
            return USAGE_ERROR;
        } catch (InputFormatException | IllegalArgumentException | IOException | KafkaUnavailableException
                 | StoreException | StartupException | RetrainException e) {
            err.println("item2vec " + command.name() + ": error: " + describe(e));
            return INPUT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("item2vec " + command.name() + ": interrupted");
            return INPUT_ERROR;
        } catch (Exception e) {
            err.println("item2vec " + command.name() + ": unexpected error: " + describe(e));
            e.printStackTrace(err);
            return INPUT_ERROR;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "file not found: " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static void printCommands(PrintStream out) {
        out.println("usage: item2vec COMMAND [OPTIONS]   (item2vec COMMAND --help for its options)");
        out.println();
        for (Command command : commands()) {
            out.printf("  %-11s %s%n", command.name(), command.summary());
        }
    }

    private static void printOptions(Command command, PrintStream out) {
        out.println("usage: item2vec " + command.name() + " [OPTIONS]");
        out.println(command.summary());
        out.println();
        for (Option option : command.options()) {
            String names = String.join(", ", option.spellings())
                    + (option.isFlag() ? "" : " " + option.valueName());
            String defaults = option.defaultValue() == null ? "" : " (default " + option.defaultValue() + ")";
            out.printf("  %-36s %s%s%n", names, option.description(), defaults);
        }
    }
}
