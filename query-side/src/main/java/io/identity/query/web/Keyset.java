package io.identity.query.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The sort key of a paged list of {@code T} ({@link Paging}): its columns in order, each with how an item's value of
 * it goes into a cursor and how the cursor's text becomes a query argument again, and whether the list runs
 * ascending or descending.
 */
public final class Keyset<T> {

    /** One column of the key: its value in an item, written into a cursor, and read back as a query argument. */
    public record Column<T>(String name, Function<T, String> value, Function<String, Object> parse) {}

    private final boolean descending;
    private final List<Column<T>> columns;

    private Keyset(boolean descending, List<Column<T>> columns) {
        this.descending = descending;
        this.columns = List.copyOf(columns);
    }

    @SafeVarargs
    public static <T> Keyset<T> ascending(Column<T>... columns) {
        return new Keyset<>(false, List.of(columns));
    }

    @SafeVarargs
    public static <T> Keyset<T> descending(Column<T>... columns) {
        return new Keyset<>(true, List.of(columns));
    }

    /** A timestamp column; its cursor value is an ISO-8601 instant in the years 1 to 9999. */
    public static <T> Column<T> instant(String name, Function<T, Instant> value) {
        return new Column<>(name, item -> value.apply(item).toString(), text -> Timestamp.from(Instants.parse(text)));
    }

    public static <T> Column<T> uuid(String name, Function<T, UUID> value) {
        return new Column<>(name, item -> value.apply(item).toString(), UUID::fromString);
    }

    public static <T> Column<T> text(String name, Function<T, String> value) {
        return new Column<>(name, value, text -> text);
    }

    public static <T> Column<T> number(String name, ToLongFunction<T> value) {
        return new Column<>(name, item -> Long.toString(value.applyAsLong(item)), Long::parseLong);
    }

    boolean descending() {
        return descending;
    }

    List<Column<T>> columns() {
        return columns;
    }
}
