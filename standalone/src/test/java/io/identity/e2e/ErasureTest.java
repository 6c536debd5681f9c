package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.privacy.ErasureLog;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.privacy.ProtectingSerializer;
import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Erasure seen from the read side: the person disappears, and a replay of everything brings none of them back. */
class ErasureTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void anErasedUserIsGoneFromEveryReadModelAndStaysGoneThroughAFullReplay() {
        var system = RunningSystem.get();
        var name = "e" + UUID.randomUUID().toString().substring(0, 8);
        var email = name + "@example.com";
        var userId = system.command
                .post("/api/v1/registrations", Map.of("username", name, "email", email, "password", PASSWORD))
                .json()
                .path("userId")
                .asString();
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var auth = bearer(login.json().path("access_token").asString());
        assertThat(system.query
                        .get("/api/v1/users/me", auth[0], auth[1], "X-Min-Position", login.header("X-Event-Position"))
                        .status())
                .isEqualTo(200);

        var erased = system.command.post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), auth);
        assertThat(erased.status()).isEqualTo(204);
        assertThat(Eventually.within(
                        Duration.ofSeconds(2),
                        () -> system.query.get("/api/v1/users/me", auth).status() == 401))
                .as("the erased person's access token is refused by the query side")
                .isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(system.query.get("/api/v1/users/me", auth).status()).isEqualTo(401);
            assertThat(system.query.get("/api/v1/users/me/sessions", auth).status())
                    .isEqualTo(401);
        }
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var position = Long.parseLong(erased.header("X-Event-Position"));
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> count(jdbc, userId) == 0))
                .isTrue();

        var processing = system.queryContext.getBean(EventProcessingConfiguration.class);
        for (var group : new String[] {"users", "sessions", "companies"}) {
            var processor = processing
                    .eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        var stranger = system.command.post(
                "/api/v1/registrations", Map.of("username", "x" + name, "email", "x" + email, "password", PASSWORD));
        assertThat(stranger.status()).isEqualTo(201);
        var signedIn = system.command.post("/api/v1/auth/login", Map.of("login", "x" + name, "password", PASSWORD));
        var head = signedIn.header("X-Event-Position");
        assertThat(Long.parseLong(head)).isGreaterThan(position);
        // every read model has replayed up to the stranger's sign-in: each segment, of every processor, is past it
        var strangerAuth = bearer(signedIn.json().path("access_token").asString());
        assertThat(Eventually.within(
                        Duration.ofSeconds(60),
                        () -> system.query
                                        .get(
                                                "/api/v1/users/me",
                                                strangerAuth[0],
                                                strangerAuth[1],
                                                "X-Min-Position",
                                                head)
                                        .status()
                                == 200))
                .isTrue();
        assertThat(count(jdbc, userId))
                .as("nothing of the erased user after the replay")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM users WHERE email = ? OR username = ?", Long.class, email, name))
                .isZero();
    }

    /** The address an accepted invitation was sent to was the person's: it goes with them, everywhere. */
    @Test
    void theInvitationsAnErasedPersonAcceptedLoseTheirAddressToo() {
        var system = RunningSystem.get();
        var owner = "o" + UUID.randomUUID().toString().substring(0, 8);
        var companyId = system.command
                .post("/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, "Co " + owner))
                .json()
                .path("companyId")
                .asString();
        var ownerAuth = bearer(system.command
                .post("/api/v1/auth/login", Map.of("login", owner, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString());
        var email = "i" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var invited = system.command.post(
                "/api/v1/companies/" + companyId + "/invitations", Map.of("email", email), ownerAuth);
        assertThat(invited.status()).isEqualTo(201);
        var invitationId = invited.json().path("invitationId").asString();
        var name = "n" + UUID.randomUUID().toString().substring(0, 8);
        var joined = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", Mails.invitationToken(system.mail, email), "username", name, "password", PASSWORD));
        assertThat(joined.status()).isEqualTo(201);
        var auth = bearer(system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString());
        var queryJdbc = system.queryContext.getBean(JdbcTemplate.class);
        assertThat(Eventually.within(
                        Duration.ofSeconds(10),
                        () -> queryJdbc.queryForObject(
                                        "SELECT count(*) FROM "
                                                + "invitations WHERE invitation_id = ?::uuid AND email = ? AND status = 'ACCEPTED'",
                                        Long.class,
                                        invitationId,
                                        email)
                                == 1))
                .isTrue();

        assertThat(system.command
                        .post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), auth)
                        .status())
                .isEqualTo(204);
        var invitation = system.commandContext
                .getBean(EventStore.class)
                .readEvents(invitationId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .filter(MemberInvited.class::isInstance)
                .map(MemberInvited.class::cast)
                .filter(event -> event.invitationId().toString().equals(invitationId))
                .findFirst()
                .orElseThrow();
        assertThat(invitation.email()).as("the invitation reads back erased").isEqualTo(ProtectingSerializer.ERASED);
        var commandJdbc = system.commandContext.getBean(JdbcTemplate.class);
        assertThat(commandJdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE recipient = ?", Long.class, email))
                .as("no mail to the address is kept")
                .isZero();
        assertThat(Eventually.within(
                        Duration.ofSeconds(10),
                        () -> queryJdbc.queryForObject(
                                        "SELECT count(*) FROM "
                                                + "invitations WHERE invitation_id = ?::uuid AND email = ?",
                                        Long.class,
                                        invitationId,
                                        ProtectingSerializer.ERASED)
                                == 1))
                .as("the invitations model")
                .isTrue();
        assertThat(Eventually.within(
                        Duration.ofSeconds(10),
                        () -> queryJdbc.queryForObject(
                                        "SELECT count(*) FROM "
                                                + "audit_events WHERE type = 'MemberInvited' AND data_subject = ?::uuid AND data ->> 'email' = ?",
                                        Long.class,
                                        invitationId,
                                        ProtectingSerializer.ERASED)
                                == 1))
                .as("the audit log")
                .isTrue();
        var tables = queryJdbc.queryForList(
                "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'query' AND table_type = 'BASE TABLE'",
                String.class);
        for (var table : tables) {
            assertThat(queryJdbc.queryForObject(
                            "SELECT count(*) FROM query." + table + " t " + "WHERE position(? in t::text) > 0",
                            Long.class,
                            email))
                    .as("%s keeps no address", table)
                    .isZero();
        }
    }

    private static long count(JdbcTemplate jdbc, String userId) {
        return jdbc.queryForObject(
                "SELECT (SELECT count(*) FROM users WHERE user_id = ?::uuid) "
                        + "+ (SELECT count(*) FROM sessions WHERE user_id = ?::uuid) "
                        + "+ (SELECT count(*) FROM memberships WHERE user_id = ?::uuid)",
                Long.class,
                userId,
                userId,
                userId);
    }

    /**
     * A restore from a backup taken before an erasure brings the person's key back; the erasure log on the brokers
     * (the compacted {@code identity.erasures}) names them, and re-applying it erases them again.
     */
    @Test
    void anErasureUndoneByARestoreIsMadeAgainFromTheErasureLog() {
        var system = RunningSystem.get();
        var name = "r" + UUID.randomUUID().toString().substring(0, 8);
        var userId = system.command
                .post(
                        "/api/v1/registrations",
                        Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                .json()
                .path("userId")
                .asString();
        var jdbc = system.commandContext.getBean(JdbcTemplate.class);
        var key = jdbc.queryForMap(
                "SELECT subject_id, data_key, created_at FROM events.personal_data_keys "
                        + "WHERE subject_id = ?::uuid",
                userId);
        var auth = bearer(system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString());
        assertThat(system.command
                        .post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), auth)
                        .status())
                .isEqualTo(204);
        Topics.read(system, "identity.erasures", userId, 1);
        var log = system.commandContext.getBean(ErasureLog.class);
        assertThat(log.reapply())
                .as("nothing is owed while the database shows the erasure")
                .isZero();

        // the keys as a backup taken before the erasure has them
        jdbc.update(
                "INSERT INTO events.personal_data_keys (subject_id, data_key, created_at) VALUES (?, ?, ?)",
                key.get("subject_id"),
                key.get("data_key"),
                key.get("created_at"));
        jdbc.update("DELETE FROM events.erased_subjects WHERE subject_id = ?::uuid", userId);
        assertThat(log.reapply()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM events.personal_data_keys WHERE subject_id = ?::uuid",
                        Long.class,
                        userId))
                .as("erased again")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM events.erased_subjects WHERE subject_id = ?::uuid", Long.class, userId))
                .isEqualTo(1);
    }
}
