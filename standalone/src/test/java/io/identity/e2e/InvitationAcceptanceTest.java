package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.identity.command.CommandSideApplication;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An acceptance is the Invitation's {@code InvitationAccepted} and the Company's {@code MemberJoined} (with its
 * {@code InvitationClosed}), appended in one transaction. Against two command-side instances: of many accepts of one
 * link at once exactly one wins, and the store holds one acceptance and one membership; and an instance killed
 * (SIGKILL) between the invitation's append and the company's leaves neither, and the link works afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvitationAcceptanceTest {

    private static final RunningSystem system = RunningSystem.get();
    private static final JdbcTemplate jdbc = system.commandContext.getBean(JdbcTemplate.class);
    private static Forked second;

    /**
     * Without the stream's consumers: killed, it would hold their partitions until the brokers give up on it, and
     * hold up the consumers of the tests after this one; what is killed here is a change, not a consumer.
     */
    @BeforeAll
    static void secondInstance() {
        var port = RunningSystem.port();
        var arguments = new ArrayList<>(List.of(system.commandArguments(port)));
        arguments.add("--identity.kafka.enabled=false");
        second = Forked.start(CommandSideApplication.class, arguments.toArray(String[]::new), port);
    }

    @AfterAll
    static void stopSecond() {
        second.close();
    }

    private record Invited(String companyId, String invitationId, String email, String token) {}

    /** A company of its own, with an invitation of a new address: its link as mailed. */
    private static Invited invitation() {
        var name = "acc" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post(
                "/api/v1/registrations", Registrations.withCompany(name, RunningSystem.PASSWORD, "Co " + name));
        var companyId = registered.json().path("companyId").asString();
        var login =
                system.command.post("/api/v1/auth/login", Map.of("login", name, "password", RunningSystem.PASSWORD));
        var email = "guest-" + name + "@example.org";
        var invited = system.command.post(
                "/api/v1/companies/" + companyId + "/invitations",
                Map.of("email", email),
                Http.bearer(login.json().path("access_token").asString()));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        return new Invited(
                companyId,
                invited.json().path("invitationId").asString(),
                email,
                Mails.invitationToken(system.mail, email));
    }

    /** The stored events of an aggregate, by name, in order. */
    private static List<String> events(String aggregateId) {
        return jdbc.queryForList(
                "SELECT substring(payload_type from '[^.]+$') FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                aggregateId);
    }

    @Test
    @Order(1)
    void ofManyAcceptsOfOneLinkOnTwoInstancesAtOnceExactlyOneWins() throws Exception {
        var invited = invitation();
        var name = "g" + UUID.randomUUID().toString().substring(0, 8);
        var userId = system.command
                .post(
                        "/api/v1/registrations",
                        Map.of("username", name, "email", invited.email(), "password", RunningSystem.PASSWORD))
                .json()
                .path("userId")
                .asString();
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> verificationToken(invited.email()) != null))
                .isTrue();
        assertThat(system.command
                        .post("/api/v1/email-verification", Map.of("token", verificationToken(invited.email())))
                        .status())
                .isEqualTo(204);
        var auth = Http.bearer(system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", RunningSystem.PASSWORD))
                .json()
                .path("access_token")
                .asString());
        var instances = List.of(system.command, new Http(second.url));

        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(8);
        var statuses = new ArrayList<Integer>();
        try {
            var tasks = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 8; i++) {
                var instance = instances.get(i % 2);
                tasks.add(() -> {
                    start.await();
                    return instance.post("/api/v1/invitations/accept", Map.of("token", invited.token()), auth)
                            .status();
                });
            }
            var answers = new ArrayList<Future<Integer>>();
            for (var task : tasks) {
                answers.add(pool.submit(task));
            }
            start.countDown();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(7);
        assertThat(events(invited.invitationId())).containsExactly("MemberInvited", "InvitationAccepted");
        assertThat(events(invited.companyId()))
                .containsExactly(
                        "CompanyCreated", "MemberJoined", "InvitationOpened", "MemberJoined", "InvitationClosed");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM company_members WHERE company_id = ?::uuid " + "AND user_id = ?::uuid",
                        Long.class,
                        invited.companyId(),
                        userId))
                .isOne();
    }

    /** The newest verification link mailed to the address, or null. */
    private static String verificationToken(String email) {
        String token = null;
        for (var mail : Mails.to(system.mail, email)) {
            var matcher =
                    Pattern.compile("verify-email\\?token=([A-Za-z0-9_-]+)").matcher(Mails.text(mail));
            if (matcher.find()) {
                token = matcher.group(1);
            }
        }
        return token;
    }

    /**
     * The second instance is made to stop between the two appends of an acceptance (a trigger holds the insert of
     * the company's {@code MemberJoined} until the test lets go, after the invitation's {@code InvitationAccepted}
     * row is in), and is killed there. Meanwhile nobody sees the acceptance; afterwards, nobody ever does: the
     * transaction died with the process. The link still works, and accepting it then records both.
     */
    @Test
    @Order(2)
    void anInstanceKilledBetweenTheInvitationsAppendAndTheCompanysLeavesNeither() throws Exception {
        var invited = invitation();
        var key = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62);
        var hold = "hold_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("CREATE FUNCTION events." + hold + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.aggregate_identifier = '" + invited.companyId() + "' AND NEW.payload_type = "
                + "'io.identity.events.company.MemberJoined' THEN PERFORM pg_advisory_xact_lock_shared(" + key
                + "); END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + hold + " BEFORE INSERT ON events.domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION events." + hold + "()");
        var url = ((HikariDataSource) system.commandContext.getBean(DataSource.class)).getJdbcUrl();
        var newcomer = "late" + UUID.randomUUID().toString().substring(0, 8);
        try (var test = DriverManager.getConnection(url)) {
            try (var lock = test.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + key + ")");
            }
            var accepting = Executors.newSingleThreadExecutor();
            try {
                var answer = accepting.submit(() -> new Http(second.url)
                        .post(
                                "/api/v1/invitations/accept-new",
                                Map.of(
                                        "token",
                                        invited.token(),
                                        "username",
                                        newcomer,
                                        "password",
                                        RunningSystem.PASSWORD)));
                assertThat(Eventually.within(Duration.ofSeconds(30), () -> held(key) != null))
                        .as("the acceptance stopped between its appends")
                        .isTrue();
                var pid = held(key);
                assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                        + "WHERE l.pid = ? AND c.relname = 'domain_event_entry' AND l.mode = 'RowExclusiveLock'",
                                Long.class,
                                pid))
                        .as("it has written to the store")
                        .isPositive();
                assertThat(events(invited.invitationId()))
                        .as("and nobody sees it")
                        .containsExactly("MemberInvited");

                second.kill();
                try (var release = test.createStatement()) {
                    release.execute("SELECT pg_advisory_unlock(" + key + ")");
                }
                assertThat(Eventually.within(
                                Duration.ofSeconds(30),
                                () -> jdbc.queryForObject(
                                                "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Long.class, pid)
                                        == 0))
                        .as("its transaction ended with its connection")
                        .isTrue();
                assertThat(answer).failsWithin(Duration.ofSeconds(30));
            } finally {
                accepting.shutdownNow();
            }
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS " + hold + " ON events.domain_event_entry");
            jdbc.execute("DROP FUNCTION IF EXISTS events." + hold + "()");
        }

        assertThat(events(invited.invitationId())).as("not accepted").containsExactly("MemberInvited");
        assertThat(events(invited.companyId()))
                .as("nobody joined")
                .containsExactly("CompanyCreated", "MemberJoined", "InvitationOpened");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts WHERE username = ?", Long.class, newcomer))
                .as("nor was the account made")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT ended FROM invitation_links WHERE token_hash = ?",
                        Boolean.class,
                        OpaqueTokens.hashHex(invited.token())))
                .as("the link is open")
                .isFalse();

        var joined = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", invited.token(), "username", newcomer, "password", RunningSystem.PASSWORD));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        assertThat(events(invited.invitationId())).containsExactly("MemberInvited", "InvitationAccepted");
        assertThat(events(invited.companyId()))
                .containsExactly(
                        "CompanyCreated", "MemberJoined", "InvitationOpened", "MemberJoined", "InvitationClosed");
    }

    /** The backend waiting for the advisory lock {@code key}, or null. */
    private static Integer held(long key) {
        return jdbc
                .queryForList(
                        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                                + "AND ((classid::bigint << 32) | objid::bigint) = ?",
                        Integer.class,
                        key)
                .stream()
                .findFirst()
                .orElse(null);
    }
}
