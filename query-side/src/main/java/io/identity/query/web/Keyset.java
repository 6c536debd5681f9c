package io.identity.query.web;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sort key of a paged list ({@link Paging}): its columns in order, each with how a cursor's text of it becomes
 * a query argument, and whether the list runs ascending or descending.
 */
public final class Keyset {

    /** One column of the key, and how a cursor's text of it is read back. */
    public record Column(String name, Function<String, Object> parse) {}

    private final boolean descending;
    private final List<Column> columns;

    private Keyset(boolean descending, List<Column> columns) {
        this.descending = descending;
        this.columns = List.copyOf(columns);
    }

    public static Keyset ascending(Column... columns) {
        return new Keyset(false, List.of(columns));
    }

    public static Keyset descending(Column... columns) {
        return new Keyset(true, List.of(columns));
    }

    /** A timestamp column; its cursor value is an ISO-8601 instant in the years 1 to 9999. */
    public static Column instant(String name) {
        return new Column(name, value -> Timestamp.from(Instants.parse(value)));
    }

    public static Column uuid(String name) {
        return new Column(name, UUID::fromString);
    }

    public static Column text(String name) {
        return new Column(name, value -> value);
    }

    public static Column number(String name) {
        return new Column(name, Long::parseLong);
    }

    boolean descending() {
        return descending;
    }

    List<Column> columns() {
        return columns;
    }
}
