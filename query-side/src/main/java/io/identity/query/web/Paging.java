package io.identity.query.web;

import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging: {@code limit} 1..200 (default 50) and an opaque cursor holding the sort key of the last item
 * served, so a page never shifts when rows are inserted before it. Every paged list is read through this: the
 * query's condition past the cursor, its order and its limit, and the next cursor.
 */
public final class Paging<T> {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u001f";

    private final int limit;
    private final List<String> after;
    private final Keyset<T> keyset;

    private Paging(int limit, List<String> after, Keyset<T> keyset) {
        this.limit = limit;
        this.after = after;
        this.keyset = keyset;
    }

    /** Reads {@code limit} and {@code cursor}; a cursor must carry a value of each column of the keyset. */
    public static <T> Paging<T> of(Integer limit, String cursor, Keyset<T> keyset) {
        var size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw IdentityException.validation(List.of(new FieldViolation("limit", "must be 1 to " + MAX_LIMIT)));
        }
        if (cursor == null || cursor.isEmpty()) {
            return new Paging<>(size, null, keyset);
        }
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var parts = List.of(decoded.split(SEPARATOR, -1));
            if (parts.size() != keyset.columns().size()) {
                throw new IllegalArgumentException("wrong key count");
            }
            return new Paging<>(size, parts, keyset);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    /**
     * The end of the page's query, after its own conditions: past the first page the rows beyond the cursor's key
     * ({@code AND (k1, k2) > (?, ?)}, {@code <} when descending), then the keyset's order and one row more than the
     * limit, which tells whether another page follows.
     */
    public String sql() {
        var names = keyset.columns().stream().map(Keyset.Column::name).toList();
        var order =
                keyset.descending() ? names.stream().map(name -> name + " DESC").toList() : names;
        var past = "";
        if (after != null) {
            var key = names.size() == 1 ? names.get(0) : "(" + String.join(", ", names) + ")";
            var values =
                    names.size() == 1 ? "?" : "(" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
            past = "AND " + key + (keyset.descending() ? " < " : " > ") + values + " ";
        }
        return past + "ORDER BY " + String.join(", ", order) + " LIMIT " + (limit + 1);
    }

    /** The query's arguments: the leading ones, then, past the first page, the cursor's key as the keyset reads it. */
    public Object[] arguments(Object... leading) {
        var arguments = new ArrayList<>(Arrays.asList(leading));
        if (after != null) {
            var columns = keyset.columns();
            for (int i = 0; i < columns.size(); i++) {
                arguments.add(after(i, columns.get(i).parse()));
            }
        }
        return arguments.toArray();
    }

    /** The rows read (one more than the limit at most) as a page, and the cursor of the next from its last item. */
    public Page<T> page(List<T> rows) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        var items = rows.subList(0, limit);
        var last = items.get(items.size() - 1);
        var key = keyset.columns().stream()
                .map(column -> column.value().apply(last))
                .toList();
        var cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, key).getBytes(StandardCharsets.UTF_8));
        return new Page<>(items, cursor);
    }

    /** The i-th value of the cursor, parsed; a value that does not parse is an invalid cursor. */
    private Object after(int i, Function<String, Object> parse) {
        try {
            return parse.apply(after.get(i));
        } catch (RuntimeException e) {
            throw invalidCursor();
        }
    }

    private static IdentityException invalidCursor() {
        return IdentityException.validation(List.of(new FieldViolation("cursor", "is not a valid cursor")));
    }
}
