package io.identity.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One keyset paging for every list: the query's end, its arguments and the cursor from one page to the next. */
class PagingTest {

    private record Row(Instant at, UUID id) {}

    private static final Keyset<Row> BY_TIME =
            Keyset.ascending(Keyset.instant("joined_at", Row::at), Keyset.uuid("user_id", Row::id));
    private static final Keyset<Long> NEWEST_FIRST = Keyset.descending(Keyset.number("position", Long::longValue));

    @Test
    void theFirstPageIsOrderedAndLimitedAndItsLastRowIsTheNextCursor() {
        var paging = Paging.of(2, null, BY_TIME);
        assertThat(paging.sql()).isEqualTo("ORDER BY joined_at, user_id LIMIT 3");
        assertThat(paging.arguments("company")).containsExactly("company");

        var rows = List.of(row(1), row(2), row(3));
        var page = paging.page(rows);
        assertThat(page.items()).containsExactly(rows.get(0), rows.get(1));
        assertThat(new String(Base64.getUrlDecoder().decode(page.nextCursor()), StandardCharsets.UTF_8))
                .as("the last item's key, as the lists have always written it")
                .isEqualTo(rows.get(1).at() + "\u001f" + rows.get(1).id());

        var next = Paging.of(2, page.nextCursor(), BY_TIME);
        assertThat(next.sql()).isEqualTo("AND (joined_at, user_id) > (?, ?) ORDER BY joined_at, user_id LIMIT 3");
        assertThat(next.arguments("company"))
                .containsExactly(
                        "company", Timestamp.from(rows.get(1).at()), rows.get(1).id());
        assertThat(next.page(List.of(rows.get(2))).nextCursor()).isNull();
    }

    @Test
    void aDescendingKeyOfOneColumnReadsBackwards() {
        var first = Paging.of(1, null, NEWEST_FIRST);
        assertThat(first.sql()).isEqualTo("ORDER BY position DESC LIMIT 2");
        var cursor = first.page(List.of(9L, 8L)).nextCursor();

        var next = Paging.of(null, cursor, NEWEST_FIRST);
        assertThat(next.sql()).isEqualTo("AND position < ? ORDER BY position DESC LIMIT 51");
        assertThat(next.arguments("TRUE", null)).containsExactly("TRUE", null, 9L);
    }

    @Test
    void aLimitOutOfRangeOrACursorNotMadeHereIsRefused() {
        assertThatThrownBy(() -> Paging.of(0, null, BY_TIME)).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> Paging.of(201, null, BY_TIME)).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> Paging.of(10, "not base64!", BY_TIME)).isInstanceOf(IdentityException.class);
        var oneKey = Paging.of(1, null, NEWEST_FIRST).page(List.of(9L, 8L)).nextCursor();
        assertThatThrownBy(() -> Paging.of(10, oneKey, BY_TIME))
                .as("a cursor of another list")
                .isInstanceOf(IdentityException.class);
        var unparsable = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("yesterday\u001f" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        var paging = Paging.of(10, unparsable, BY_TIME);
        assertThatThrownBy(() -> paging.arguments()).isInstanceOf(IdentityException.class);
    }

    private static Row row(int second) {
        return new Row(Instant.parse("2026-11-28T10:15:30Z").plusSeconds(second), UUID.randomUUID());
    }
}
