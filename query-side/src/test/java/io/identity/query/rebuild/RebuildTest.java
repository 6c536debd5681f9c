package io.identity.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import io.identity.query.consistency.ProjectionProgress;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.test.Eventually;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Blue/green rebuilds: a read model built again from the first event while the old one serves and the events keep
 * coming, put in its place without a failed read, with the same content the projection would have made.
 */
class RebuildTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

    @Autowired
    private Rebuilds rebuilds;

    @Autowired
    private ProjectionProgress progress;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    private UUID registered(String prefix) {
        var userId = UUID.randomUUID();
        var name = prefix + userId.toString().substring(0, 8);
        append(
                "User",
                userId,
                0,
                new UserRegistered(userId, name, name + "@example.com", null, name, RegistrationMethod.PASSWORD, AT));
        return userId;
    }

    private void caughtUp() {
        var head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await("caught up", () -> progress.hasProcessed(head));
    }

    private long table(String name) {
        return jdbc.queryForObject("SELECT ('query.' || ?)::regclass::oid::bigint", Long.class, name);
    }

    private void switched(String projection) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(90),
                        () -> rebuilds.find(projection).orElseThrow().state() == Rebuilds.State.SWITCHED))
                .as("%s switched", projection)
                .isTrue();
        await(
                "the rebuild's schema and tokens are cleared",
                () -> count(
                                        "SELECT count(*) FROM " + "information_schema.schemata WHERE schema_name = ?",
                                        "query_rebuild_" + projection)
                                == 0
                        && count(
                                        "SELECT count(*) FROM token_entry WHERE processor_name = ?",
                                        Rebuilds.processorOf(projection))
                                == 0);
    }

    @Test
    void theUsersModelIsBuiltAgainWhileItServesAndEveryReadSucceedsAcrossTheSwitch() throws Exception {
        var expected = new ConcurrentHashMap<UUID, String>();
        for (int i = 0; i < 150; i++) {
            var userId = registered("rb");
            append("User", userId, 1, new ProfileUpdated(userId, Map.of("displayName", "first " + i), AT));
            expected.put(userId, "first " + i);
        }
        caughtUp();
        var before = table("users");
        var readable = List.copyOf(expected.keySet());
        var stop = new AtomicBoolean();
        var reads = new AtomicInteger();
        var failures = new ArrayList<String>();
        var reader = new Thread(() -> {
            while (!stop.get()) {
                var userId = readable.get(ThreadLocalRandom.current().nextInt(readable.size()));
                try {
                    var name = jdbc.queryForObject(
                            "SELECT display_name FROM users WHERE user_id = ?", String.class, userId);
                    if (name == null || !name.startsWith("first ")) {
                        failures.add(userId + " read " + name);
                    }
                    reads.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }
        });
        // the events keep coming while the rebuild runs, and after it switched in
        var writer = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                var userId = registered("rw");
                append("User", userId, 1, new ProfileUpdated(userId, Map.of("displayName", "during " + i), AT));
                expected.put(userId, "during " + i++);
            }
        });
        reader.start();
        writer.start();
        try {
            var started = rebuilds.start("users", null);
            assertThat(started.state()).isEqualTo(Rebuilds.State.RUNNING);
            assertThat(started.progress().projection()).isEqualTo(Rebuilds.processorOf("users"));
            switched("users");
            var readsAtSwitch = reads.get();
            await("reads go on after the switch", () -> reads.get() > readsAtSwitch + 100);
        } finally {
            stop.set(true);
            reader.join();
            writer.join();
        }
        caughtUp();

        assertThat(failures).as("failed reads").isEmpty();
        assertThat(table("users")).as("new tables in place").isNotEqualTo(before);
        var rows = new HashMap<UUID, String>();
        jdbc.query("SELECT user_id, display_name FROM users", rs -> {
            rows.put(rs.getObject(1, UUID.class), rs.getString(2));
        });
        expected.forEach((userId, name) ->
                assertThat(rows.get(userId)).as("user %s", userId).isEqualTo(name));
        assertThat(jdbc.queryForList(
                        "SELECT indexname FROM pg_indexes WHERE schemaname = 'query' AND tablename = " + "'users'",
                        String.class))
                .contains("users_pkey", "users_username_prefix", "users_display_name_prefix");
        var done = rebuilds.find("users").orElseThrow();
        assertThat(done.finishedAt()).isAfter(done.startedAt());
        assertThat(done.switchedAtPosition()).isPositive();
        assertThat(done.progress()).isNull();
    }

    @Test
    void aModelSharingATableWithOthersGetsItsOwnRowsBackAndLeavesTheirs() {
        var ada = registered("ada");
        var bob = registered("bob");
        var company = UUID.randomUUID();
        append("Company", company, 0, new CompanyCreated(company, "Looms", null, ada, AT));
        append("Company", company, 1, new MemberJoined(company, ada, CompanyRole.OWNER, AT));
        append("Company", company, 2, new MemberJoined(company, bob, CompanyRole.MEMBER, AT));
        var session = UUID.randomUUID();
        append(
                "Session",
                session,
                0,
                new SessionStarted(session, bob, SignInMethod.PASSWORD, AT, AT.plus(1, ChronoUnit.DAYS)));
        append("User", bob, 1, new UserErased(bob, AT));
        caughtUp();
        var erased = "SELECT count(*) FROM erased_users WHERE processing_group = ? AND user_id = ?";
        assertThat(count(erased, "sessions", bob)).isEqualTo(1);

        rebuilds.start("companies", null);
        switched("companies");

        assertThat(jdbc.queryForList("SELECT user_id FROM memberships WHERE company_id = ?", UUID.class, company))
                .containsExactly(ada);
        assertThat(count("SELECT count(*) FROM membership_history WHERE user_id = ?", bob))
                .isZero();
        assertThat(count(erased, "companies", bob)).isEqualTo(1);
        assertThat(count(erased, "sessions", bob))
                .as("the other model's rows stay")
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM erased_users WHERE processing_group = ?",
                        Rebuilds.processorOf("companies")))
                .isZero();
    }

    @Test
    void oneRebuildAtATimeAndACancelledOneLeavesTheModelAsItWas() throws Exception {
        var ada = registered("inv");
        var company = UUID.randomUUID();
        var invitation = UUID.randomUUID();
        append(
                "Invitation",
                invitation,
                0,
                new MemberInvited(
                        invitation,
                        company,
                        "x@example.com",
                        CompanyRole.MEMBER,
                        ada,
                        "a".repeat(64),
                        AT.plus(7, ChronoUnit.DAYS),
                        AT));
        caughtUp();
        var before = table("invitations");
        // readers may read, nobody may write: the switch cannot take its locks while this holds
        try (var held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            held.createStatement().execute("LOCK TABLE query.invitations IN SHARE MODE");

            rebuilds.start("invitations", null);
            var lag = meters.find("identity.projection.lag")
                    .tag("processor", "rebuild:invitations")
                    .gauge();
            assertThat(lag).as("its progress is a metric").isNotNull();
            assertThat(lag.value()).isNotNegative();
            assertThat(meters.find("identity.projection.rate")
                            .tag("processor", "rebuild:invitations")
                            .gauge())
                    .isNotNull();
            assertThatThrownBy(() -> rebuilds.start("invitations", null))
                    .isInstanceOfSatisfying(
                            IdentityException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REBUILD_RUNNING));
            assertThatThrownBy(() -> rebuilds.start("audit", null))
                    .as("not a model that can be rebuilt")
                    .isInstanceOfSatisfying(
                            IdentityException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            rebuilds.cancel("invitations");
            assertThat(meters.find("identity.projection.lag")
                            .tag("processor", "rebuild:invitations")
                            .gauge())
                    .isNull();
            held.rollback();
        }
        assertThat(rebuilds.find("invitations").orElseThrow().state()).isEqualTo(Rebuilds.State.CANCELLED);
        await(
                "the rebuild's schema is dropped",
                () -> count("SELECT count(*) FROM information_schema.schemata "
                                + "WHERE schema_name = 'query_rebuild_invitations'")
                        == 0);
        assertThat(table("invitations")).isEqualTo(before);
        assertThatThrownBy(() -> rebuilds.cancel("invitations")).isInstanceOf(IdentityException.class);
    }
}
