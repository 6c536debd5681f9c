package io.identity.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.session.SessionEndReason;
import io.identity.events.session.SessionEnded;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.events.user.EmailChanged;
import io.identity.events.user.EmailVerificationRequested;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.PrivacyChanged;
import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserRegistered;
import io.identity.query.consistency.ProjectionProgress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProjectionsTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionProgress progress;

    private UUID registered(String username) {
        var userId = UUID.randomUUID();
        append(
                "User",
                userId,
                0,
                new UserRegistered(
                        userId,
                        username,
                        username + "@example.com",
                        "$2a$04$hash",
                        "Display " + username,
                        RegistrationMethod.PASSWORD,
                        AT));
        return userId;
    }

    @Test
    void usersCompaniesAndMembershipsFollowTheEvents() {
        var ada = registered("ada-" + UUID.randomUUID().toString().substring(0, 6));
        var company = UUID.randomUUID();
        append("Company", company, 0, new CompanyCreated(company, "Engines", "Difference", ada, AT));
        append("Company", company, 1, new MemberJoined(company, ada, CompanyRole.OWNER, AT));

        await(
                "membership projected",
                () -> count("SELECT count(*) FROM memberships WHERE company_id = ?", company) == 1);
        await("user projected", () -> count("SELECT count(*) FROM users WHERE user_id = ?", ada) == 1);
        var user = jdbc.queryForMap("SELECT username, email, display_name FROM users WHERE user_id = ?", ada);
        assertThat(user.get("display_name")).isEqualTo("Display " + user.get("username"));
        assertThat(user.get("email")).isEqualTo(user.get("username") + "@example.com");
        assertThat(jdbc.queryForObject(
                        "SELECT role FROM memberships WHERE company_id = ? AND user_id = ?",
                        String.class,
                        company,
                        ada))
                .isEqualTo("OWNER");
        assertThat(jdbc.queryForObject("SELECT name FROM companies WHERE company_id = ?", String.class, company))
                .isEqualTo("Engines");
        assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = 'query' "
                        + "AND column_name LIKE '%password%'"))
                .as("no read model holds a password hash")
                .isEmpty();
    }

    @Test
    void aVerifiedAddressIsShownAsVerified() {
        var name = "verified-" + UUID.randomUUID().toString().substring(0, 6);
        var ada = registered(name);
        append(
                "User",
                ada,
                1,
                new EmailVerificationRequested(
                        ada, name + "@example.com", "a".repeat(64), AT.plus(1, ChronoUnit.DAYS), AT));
        append("User", ada, 2, new EmailVerified(ada, name + "@example.com", AT.plusSeconds(60)));
        await(
                "verification projected",
                () -> count("SELECT count(*) FROM users WHERE user_id = ? AND email_verified", ada) == 1);
    }

    @Test
    void profileSettingsPrivacyAndAddressChangesReachTheUsersModel() {
        var ada = registered("chg-" + UUID.randomUUID().toString().substring(0, 6));
        var changes = new HashMap<String, String>();
        changes.put("firstName", "Ada");
        changes.put("displayName", null);
        append("User", ada, 1, new ProfileUpdated(ada, changes, AT));
        append(
                "User",
                ada,
                2,
                new SettingsChanged(ada, Map.of("locale", "de-CH", "emailNotifications.companyActivity", "false"), AT));
        append(
                "User",
                ada,
                3,
                new PrivacyChanged(ada, Map.of("profileVisibility", "PRIVATE", "showPhone", "true"), AT));
        append("User", ada, 4, new EmailChanged(ada, "old@example.com", "new@example.org", AT));
        await(
                "changes projected",
                () -> count("SELECT count(*) FROM users WHERE user_id = ? AND email = " + "'new@example.org'", ada)
                        == 1);
        var row = jdbc.queryForMap(
                "SELECT first_name, display_name, locale, notify_company, profile_visibility, "
                        + "show_phone, email_verified FROM users WHERE user_id = ?",
                ada);
        assertThat(row.get("first_name")).isEqualTo("Ada");
        assertThat(row.get("display_name")).isNull();
        assertThat(row.get("locale")).isEqualTo("de-CH");
        assertThat(row.get("notify_company")).isEqualTo(false);
        assertThat(row.get("profile_visibility")).isEqualTo("PRIVATE");
        assertThat(row.get("show_phone")).isEqualTo(true);
        assertThat(row.get("email_verified")).isEqualTo(true);
    }

    @Test
    void sessionsKeepWhereTheyCameFromAndWhenTheyEnded() {
        var ada = registered("sess-" + UUID.randomUUID().toString().substring(0, 6));
        var session = UUID.randomUUID();
        append(
                "Session",
                session,
                0,
                new SessionStarted(session, ada, SignInMethod.PASSWORD, AT, AT.plus(30, ChronoUnit.DAYS)));
        await("session projected", () -> count("SELECT count(*) FROM sessions WHERE session_id = ?", session) == 1);
        assertThat(jdbc.queryForMap("SELECT ip, user_agent, method FROM sessions WHERE session_id = ?", session))
                .isEqualTo(Map.of("ip", "203.0.113.7", "user_agent", "test-agent", "method", "PASSWORD"));

        append("Session", session, 1, new SessionEnded(session, ada, SessionEndReason.LOGOUT, AT.plusSeconds(60)));
        await(
                "session ended",
                () -> count(
                                "SELECT count(*) FROM sessions WHERE session_id = ? AND ended_at IS NOT NULL "
                                        + "AND ended_recorded_at IS NOT NULL",
                                session)
                        == 1);
    }

    @Test
    void aReplayRebuildsTheSameReadModel() {
        for (int i = 0; i < 5; i++) {
            registered("replay-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
        }
        var head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await("caught up", () -> progress.hasProcessed(head));
        var before = jdbc.queryForList("SELECT * FROM users ORDER BY user_id");

        var users = processing
                .eventProcessor("users", StreamingEventProcessor.class)
                .orElseThrow();
        users.shutDown();
        users.resetTokens();
        users.start();
        await(
                "replayed",
                () -> progress.hasProcessed(head)
                        && !users.isReplaying()
                        && count("SELECT count(*) FROM users") == before.size());
        assertThat(jdbc.queryForList("SELECT * FROM users ORDER BY user_id")).isEqualTo(before);
    }

    @Test
    void progressKnowsWhatIsProcessedAndWhatIsNot() {
        var userId = registered("progress-" + UUID.randomUUID().toString().substring(0, 6));
        var position = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                userId.toString());
        await("processed", () -> progress.hasProcessed(position));
        assertThat(progress.hasProcessed(position + 10_000)).isFalse();
        assertThat(progress.hasProcessed(0)).isTrue();
    }
}
