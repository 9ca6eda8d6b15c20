package org.item2vec.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsed command-line options of one command. Accepts {@code --name value}, {@code --name=value} and any
 * declared alias such as word2vec's {@code -size 100}; rejects anything undeclared with a clear message.
 */
final class Arguments {
    private final String command;
    private final Map<String, Option> optionsByName;
    private final Map<String, String> values;

    private Arguments(String command, Map<String, Option> optionsByName, Map<String, String> values) {
        this.command = command;
        this.optionsByName = optionsByName;
        this.values = values;
    }

    static Arguments parse(String command, List<Option> options, String[] args) {
        Map<String, Option> bySpelling = new HashMap<>();
        Map<String, Option> byName = new LinkedHashMap<>();
        for (Option option : options) {
            byName.put(option.name(), option);
            option.spellings().forEach(spelling -> bySpelling.put(spelling, option));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            Option option = bySpelling.get(arg);
            if (option == null) {
                throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + arg + "' for '" + command + "'"
                        : "unexpected argument '" + arg + "' for '" + command + "' (options start with --)");
            }
            if (value == null && option.isFlag()) {
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option '" + arg + "' needs a value (" + option.valueName() + ")");
                }
                value = args[++i];
            }
            if (values.put(option.name(), value) != null) {
                throw new UsageException("option '" + option.name() + "' is given twice");
            }
        }
        return new Arguments(command, byName, values);
    }

    boolean has(String name) {
        return values.containsKey(declared(name).name());
    }

    /** The value given, else the declared default (which may be {@code null}). */
    String string(String name) {
        Option option = declared(name);
        return values.getOrDefault(name, option.defaultValue());
    }

    String required(String name) {
        String value = string(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("'" + command + "' needs " + name + " " + declared(name).valueName());
        }
        return value;
    }

    Path path(String name) {
        String value = string(name);
        return value == null ? null : Path.of(value);
    }

    Path requiredPath(String name) {
        return Path.of(required(name));
    }

    int integer(String name, int min, int max) {
        return (int) longValue(name, min, max);
    }

    long longValue(String name, long min, long max) {
        String text = required(name);
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    double decimal(String name, double min, double max) {
        String text = required(name);
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", got " + text);
        }
        return value;
    }

    boolean bool(String name) {
        if (declared(name).isFlag() && !has(name)) {
            return false;
        }
        String text = required(name).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new UsageException(name + " must be true or false (or 1 or 0), got '" + text + "'");
        };
    }

    private Option declared(String name) {
        Option option = optionsByName.get(name);
        if (option == null) {
            throw new IllegalStateException("option " + name + " is not declared for " + command);
        }
        return option;
    }
}
