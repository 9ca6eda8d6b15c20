package org.item2vec.api.http;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.item2vec.api.config.ApiSettings;
import org.item2vec.api.recommend.Mode;
import org.item2vec.api.recommend.Query;

/**
 * Reads query parameters with the limits of {@link ApiSettings}; every problem becomes a
 * {@link BadRequestException} that names the parameter, what was given and what is allowed.
 */
final class Parameters {
    private final ApiSettings settings;

    Parameters(ApiSettings settings) {
        this.settings = settings;
    }

    /** A required item id. */
    String id(String name, String value) {
        if (value == null) {
            throw new BadRequestException("parameter '" + name + "' is required");
        }
        if (value.isBlank()) {
            throw new BadRequestException("parameter '" + name + "' must not be empty");
        }
        if (value.length() > settings.maxIdLength()) {
            throw new BadRequestException("parameter '" + name + "' is " + value.length()
                    + " characters long; ids have at most " + settings.maxIdLength());
        }
        return value;
    }

    /** An optional whole number within [min, max]. */
    int number(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("parameter '" + name + "' must be a whole number, got '"
                    + abbreviate(value) + "'");
        }
        if (number < min || number > max) {
            throw new BadRequestException("parameter '" + name + "' must be between " + min + " and " + max
                    + ", got " + number);
        }
        return number;
    }

    Mode mode(String value) {
        if (value == null) {
            return Mode.SIMILAR;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'mode' must be 'similar', 'next' or 'popular', got '"
                    + abbreviate(value)
                    + "'");
        }
    }

    /** The market filter: absent means the query item's own market. */
    String market(String value) {
        if (value == null) {
            return Query.ITEM_MARKET;
        }
        return id("market", value);
    }

    /** A comma-separated list of ids. */
    Set<String> ids(String name, String value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value == null || value.isEmpty()) {
            return ids;
        }
        for (String id : value.split(",", -1)) {
            ids.add(id(name, id.trim()));
        }
        if (ids.size() > settings.maxExclude()) {
            throw new BadRequestException("parameter '" + name + "' lists " + ids.size() + " ids; at most "
                    + settings.maxExclude() + " are allowed");
        }
        return ids;
    }

    /** An optional model version. */
    String model(String value) {
        return value == null ? null : id("model", value);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
