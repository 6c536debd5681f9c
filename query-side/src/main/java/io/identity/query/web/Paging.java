package io.identity.query.web;

import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging: {@code limit} 1..200 (default 50) and an opaque cursor holding the sort key of the last item
 * served, so a page never shifts when rows are inserted before it.
 */
public record Paging(int limit, List<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u001f";

    /** Reads {@code limit} and {@code cursor}; a cursor must carry {@code keys} values. */
    public static Paging of(Integer limit, String cursor, int keys) {
        var size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw IdentityException.validation(List.of(new FieldViolation("limit", "must be 1 to " + MAX_LIMIT)));
        }
        if (cursor == null || cursor.isEmpty()) {
            return new Paging(size, null);
        }
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var parts = List.of(decoded.split(SEPARATOR, -1));
            if (parts.size() != keys) {
                throw new IllegalArgumentException("wrong key count");
            }
            return new Paging(size, parts);
        } catch (IllegalArgumentException e) {
            throw IdentityException.validation(List.of(new FieldViolation("cursor", "is not a valid cursor")));
        }
    }

    /** The i-th value of the cursor, parsed; a value that does not parse is an invalid cursor. */
    public <T> T after(int i, Function<String, T> parse) {
        try {
            return parse.apply(after.get(i));
        } catch (RuntimeException e) {
            throw IdentityException.validation(List.of(new FieldViolation("cursor", "is not a valid cursor")));
        }
    }

    /**
     * The query arguments for a list keyed by (instant, id): the leading ones, then, past the first page, the
     * cursor's instant and id.
     */
    public Object[] arguments(Object... leading) {
        var arguments = new java.util.ArrayList<>(List.of(leading));
        if (!first()) {
            arguments.add(java.sql.Timestamp.from(after(0, Instants::parse)));
            arguments.add(after(1, java.util.UUID::fromString));
        }
        return arguments.toArray();
    }

    public boolean first() {
        return after == null;
    }

    /** Fetch one more row than the limit; this turns it into a page and the next cursor. */
    public <T> Page<T> page(List<T> rows, Function<T, List<String>> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        var items = rows.subList(0, limit);
        var last = key.apply(items.get(items.size() - 1));
        var cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, last).getBytes(StandardCharsets.UTF_8));
        return new Page<>(items, cursor);
    }
}
