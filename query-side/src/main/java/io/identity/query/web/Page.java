package io.identity.query.web;

import java.util.List;

/** One page of a list: {@code { items, nextCursor }}, nextCursor null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
