package io.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.privacy.Retention;
import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.test.Registrations;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PostgreSQL pitfalls of an Axon event store, checked on the real schema. */
class EventStoreTest extends CommandSideTest {

    @Autowired
    private PersonalDataKeys keys;

    @Autowired
    private Retention retention;

    @Test
    void everyAxonBlobIsByteaNeverALargeObject() {
        var types = jdbc.queryForList(
                "SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type "
                        + "FROM information_schema.columns WHERE column_name IN ('payload', 'meta_data', 'token') "
                        + "AND table_schema IN ('events', 'command')",
                String.class);
        assertThat(types)
                .containsExactlyInAnyOrder(
                        "events.domain_event_entry.payload:bytea",
                        "events.domain_event_entry.meta_data:bytea",
                        "events.snapshot_event_entry.payload:bytea",
                        "events.snapshot_event_entry.meta_data:bytea",
                        "command.token_entry.token:bytea");
        var largeObjectsBefore = jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class);
        register(unique("blob"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class))
                .isEqualTo(largeObjectsBefore);
    }

    @Test
    void theGlobalIndexStepsByOne() {
        var response = http.post("/api/v1/registrations", Registrations.withCompany(unique("seq"), PASSWORD, "Seq"));
        var position = Long.parseLong(response.header("X-Event-Position"));
        var indexes = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE global_index > ? - 3 "
                        + "AND global_index <= ? ORDER BY global_index",
                Long.class,
                position,
                position);
        assertThat(indexes).containsExactly(position - 2, position - 1, position);
        assertThat(jdbc.queryForObject(
                        "SELECT increment_by FROM pg_sequences WHERE schemaname = 'events' "
                                + "AND sequencename = 'domain_event_entry_global_index_seq'",
                        Long.class))
                .isEqualTo(1);
    }

    @Test
    void everyEventRecordsWhoDidItFromWhereUnderWhichCorrelation() {
        var name = unique("meta");
        var response = http.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD),
                "User-Agent",
                "registration-test/1.0",
                "X-Correlation-Id",
                "corr-" + name);
        var userId = response.json().path("userId").asString();
        var events = storedEvents(userId);
        assertThat(events).hasSize(2);
        for (var event : events) {
            var metadata = event.getMetaData();
            assertThat(metadata.get("ip")).isEqualTo("127.0.0.1");
            assertThat(metadata.get("userAgent")).isEqualTo("registration-test/1.0");
            assertThat(metadata.get("correlationId")).isEqualTo("corr-" + name);
            assertThat(metadata.get("actorId")).isEqualTo(userId);
        }
        for (var stored : jdbc.queryForList(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                String.class,
                userId)) {
            assertThat(stored)
                    .as("ip and user agent are personal data, stored encrypted")
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("registration-test")
                    .contains("corr-" + name);
        }
        assertThat(response.header("X-Correlation-Id")).isEqualTo("corr-" + name);
    }

    /**
     * A failed sign-in of an unknown name and one of a known account: where each came from is sealed, the first
     * under the day's anonymous key, the second under the account's key; the anonymous day keys go after their
     * retention.
     */
    @Test
    void whereARequestCameFromIsNeverStoredInClear() {
        var known = unique("known");
        register(known);
        var userId = jdbc.queryForObject("SELECT user_id::text FROM accounts WHERE username = ?", String.class, known);
        var unknown = "nobody-" + unique("x");
        for (var login : List.of(known, unknown)) {
            assertThat(http.post(
                                    "/api/v1/auth/login",
                                    Map.of("login", login, "password", "not the password"),
                                    "User-Agent",
                                    "agent-" + unknown)
                            .status())
                    .isEqualTo(401);
        }
        var stored = jdbc.queryForList(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                        + "WHERE position(? in convert_from(meta_data, 'UTF8')) > 0 OR payload_type LIKE '%LoginFailed' "
                        + "ORDER BY global_index DESC LIMIT 2",
                String.class, "agent-" + unknown);
        assertThat(stored)
                .hasSize(2)
                .allSatisfy(metadata ->
                        assertThat(metadata).doesNotContain("agent-" + unknown).doesNotContain("127.0.0.1"));
        assertThat(stored.get(1)).as("the known account's").contains("pd1:" + userId);
        var anonymous = jdbc.queryForObject(
                "SELECT subject_id::text FROM personal_data_keys WHERE anonymous_day = "
                        + "(now() AT TIME ZONE 'UTC')::date",
                String.class);
        assertThat(stored.get(0)).as("the unknown name's").contains("pd1:" + anonymous);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8') "
                                + "LIKE '%\"ip\":\"127.0.0.1\"%'",
                        Long.class))
                .as("no event's address in clear")
                .isZero();

        var old = keys.anonymousSubject(LocalDate.now(ZoneOffset.UTC).minusDays(31));
        retention.purge();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid",
                        Long.class,
                        old.toString()))
                .as("a day past its retention")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", Long.class, anonymous))
                .as("today's")
                .isEqualTo(1);
    }

    /** No transaction that appends events can outlive the 60 s a tracking token waits for a gap. */
    @Test
    void transactionsThatAppendEventsAreBoundedWellBelowTheGapTimeout() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("15s");
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class))
                .isEqualTo("15s");
        if (jdbc.queryForObject("SELECT current_setting('server_version_num')::int", Integer.class) >= 170000) {
            assertThat(jdbc.queryForObject("SHOW transaction_timeout", String.class))
                    .isEqualTo("20s");
        }
    }

    @Test
    void noEventHoldsARawPassword() {
        var name = unique("secret");
        register(name);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE "
                                + "position(? in convert_from(payload, 'UTF8')) > 0 OR position(? in convert_from(meta_data, 'UTF8')) > 0",
                        Long.class,
                        PASSWORD,
                        PASSWORD))
                .isZero();
    }
}
