package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No password, token, security answer or hash of one ends up anywhere a reader, a log or a stream consumer could
 * see it: every secret of a user's life (sign-up, sign-in, verification, security questions, a reset by mail, an
 * invitation and its resend, whose links only the invitee's mail carries) is looked for in every table of the query
 * side (the invitation read models among them) and in both apps' logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "another horse entirely";

    @Test
    void noReadModelOrLogHoldsAPasswordATokenAnAnswerOrAHash(CapturedOutput output) {
        var system = RunningSystem.get();
        var name = "s" + UUID.randomUUID().toString().substring(0, 8);
        var email = name + "@example.com";
        var registered = system.command.post(
                "/api/v1/registrations",
                Map.of(
                        "username",
                        name,
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "company",
                        Map.of("name", "Secrets of " + name)));
        assertThat(registered.status()).isEqualTo(201);
        var companyId = registered.json().path("companyId").asString();
        var verification = linkToken(system, email, "Confirm your email address", "/verify-email");
        assertThat(system.command
                        .post("/api/v1/email-verification", Map.of("token", verification))
                        .status())
                .isEqualTo(204);

        var tokens = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json();
        var auth = bearer(tokens.path("access_token").asString());
        var answer = "unforgettable-" + UUID.randomUUID();
        assertThat(system.command
                        .put(
                                "/api/v1/users/me/security-questions",
                                Map.of(
                                        "currentPassword",
                                        PASSWORD,
                                        "questions",
                                        List.of(
                                                Map.of("question", "q1", "answer", answer),
                                                Map.of("question", "q2", "answer", answer + "2"),
                                                Map.of("question", "q3", "answer", answer + "3"))),
                                auth)
                        .status())
                .isEqualTo(204);
        var invited = system.command.post(
                "/api/v1/companies/" + companyId + "/invitations", Map.of("email", "guest-" + email), auth);
        assertThat(invited.status()).isEqualTo(201);
        var resent = system.command.post(
                "/api/v1/invitations/" + invited.json().path("invitationId").asString() + "/resend", "", auth);
        assertThat(resent.status()).isEqualTo(200);
        // both links went to the invitee's mailbox, and nowhere else: neither answer holds one
        var invitations = Mails.invitationTokens(system.mail, "guest-" + email, 2);
        var invitation = invitations.get(0);
        var resentInvitation = invitations.get(1);
        for (var token : invitations) {
            assertThat(invited.body()).doesNotContain(token);
            assertThat(resent.body()).doesNotContain(token);
        }

        assertThat(system.command
                        .post("/api/v1/password-reset", Map.of("email", email))
                        .status())
                .isEqualTo(202);
        var reset = linkToken(system, email, "Reset your password", "/reset-password");
        var confirmed = system.command.post(
                "/api/v1/password-reset/confirm", Map.of("token", reset, "newPassword", NEW_PASSWORD));
        assertThat(confirmed.status()).isEqualTo(204);
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", NEW_PASSWORD));
        var me = system.query.get(
                "/api/v1/users/me",
                "Authorization",
                "Bearer " + login.json().path("access_token").asString(),
                "X-Min-Position",
                login.header("X-Event-Position"));
        assertThat(me.status()).as("every read model has caught up").isEqualTo(200);

        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var tables = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'query' "
                        + "AND table_type = 'BASE TABLE' AND table_name NOT IN ('token_entry', 'flyway_schema_history')",
                String.class);
        assertThat(tables).contains("users", "sessions", "audit_events", "invitations");
        var secrets = List.of(
                PASSWORD,
                NEW_PASSWORD,
                tokens.path("access_token").asString(),
                tokens.path("refresh_token").asString(),
                login.json().path("refresh_token").asString(),
                verification,
                answer,
                invitation,
                resentInvitation,
                reset,
                "$2a$");
        for (var table : tables) {
            for (var secret : secrets) {
                assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM query." + table + " t WHERE position(? in t::text) > 0",
                                Long.class,
                                secret))
                        .as("%s holds no secret", table)
                        .isZero();
            }
        }
        var probe = "log-probe-" + UUID.randomUUID();
        LoggerFactory.getLogger("io.identity").warn(probe);
        assertThat(output.getAll()).as("the apps' log lines are captured").contains(probe);
        for (var secret : secrets) {
            assertThat(output.getAll()).as("the logs hold no secret").doesNotContain(secret);
        }
        assertThat(Http.JSON.readTree(me.body()).toString())
                .doesNotContain("$2a$")
                .doesNotContain(PASSWORD);
    }

    /** The token of the link in the newest mail to the address with that subject. */
    private static String linkToken(RunningSystem system, String address, String subject, String path) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> !Mails.to(system.mail, address, subject).isEmpty()))
                .as(subject)
                .isTrue();
        var mails = Mails.to(system.mail, address, subject);
        var link = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)")
                .matcher(Mails.text(mails.get(mails.size() - 1)));
        assertThat(link.find()).as(subject).isTrue();
        return link.group(1);
    }
}
