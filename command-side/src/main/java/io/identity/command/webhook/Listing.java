package io.identity.command.webhook;

import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging as the contract's lists have it: {@code limit} 1..200 (default 50), and an opaque {@code cursor}
 * holding the key of the last item served.
 */
record Listing(int limit, String after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** A page of a list: {@code { items, nextCursor }}, nextCursor null on the last page. */
    record Page<T>(List<T> items, String nextCursor) {}

    static Listing of(Integer limit, String cursor) {
        var size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw IdentityException.validation(List.of(new FieldViolation("limit", "must be 1 to " + MAX_LIMIT)));
        }
        if (cursor == null || cursor.isEmpty()) {
            return new Listing(size, null);
        }
        try {
            return new Listing(size, new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    /** The cursor's key, parsed; one that does not parse is an invalid cursor. */
    <K> K key(Function<String, K> parse) {
        if (after == null) {
            return null;
        }
        try {
            return parse.apply(after);
        } catch (RuntimeException e) {
            throw invalidCursor();
        }
    }

    /** Rows read with a limit one above {@link #limit}, as a page whose cursor is the key of its last item. */
    <T> Page<T> page(List<T> rows, Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        var items = rows.subList(0, limit);
        var last = key.apply(items.get(items.size() - 1));
        return new Page<>(
                items, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }

    private static IdentityException invalidCursor() {
        return IdentityException.validation(List.of(new FieldViolation("cursor", "is not a valid cursor")));
    }
}
