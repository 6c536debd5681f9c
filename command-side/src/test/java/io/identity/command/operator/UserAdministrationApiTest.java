package io.identity.command.operator;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.events.session.SessionEndReason;
import io.identity.events.session.SessionEnded;
import io.identity.events.user.UserLocked;
import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators lock and unlock accounts and end their sessions (§14): a locked account's right password answers
 * {@code 403 account_locked}, its sessions end at once, its refresh tokens stop; nobody else may do any of it.
 */
class UserAdministrationApiTest extends CommandSideTest {

    private String operatorToken() {
        operator();
        return login(OPERATOR).json().path("access_token").asString();
    }

    @Test
    void aLockedAccountCannotSignInAndItsSessionsEndUntilUnlocked() {
        var ada = unique("lock");
        var userId = register(ada).json().path("userId").asString();
        var session = login(ada);
        var access = session.json().path("access_token").asString();
        var sessionId = session.json().path("session_id").asString();
        var operator = operatorToken();

        assertThat(http.post("/api/v1/admin/users/" + userId + "/lock", Map.of("reason", ""), bearer(operator))
                        .status())
                .as("a reason is needed")
                .isEqualTo(400);
        assertThat(http.post(
                                "/api/v1/admin/users/" + userId + "/lock",
                                Map.of("reason", "stolen laptop, ticket 4711"),
                                bearer(access))
                        .status())
                .as("not an operator")
                .isEqualTo(403);
        assertThat(http.post(
                                "/api/v1/admin/users/" + userId + "/lock",
                                Map.of("reason", "stolen laptop, ticket 4711"),
                                bearer(operator))
                        .status())
                .isEqualTo(204);
        assertThat(lastEvent(userId, UserLocked.class).reason()).isEqualTo("stolen laptop, ticket 4711");
        assertThat(lastEvent(sessionId, SessionEnded.class).reason()).isEqualTo(SessionEndReason.ACCOUNT_LOCKED);

        var refused = login(ada);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("account_locked");
        assertThat(login(ada + "x").status())
                .as("a wrong name says nothing of locks")
                .isEqualTo(401);
        assertThat(http.post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refresh_token",
                                        session.json().path("refresh_token").asString()))
                        .status())
                .isEqualTo(401);
        assertThat(Eventually.within(
                        Duration.ofSeconds(3),
                        () -> http.get("/api/v1/users/me/applications", bearer(access))
                                        .status()
                                == 401))
                .as("the session ended")
                .isTrue();

        assertThat(http.post("/api/v1/admin/users/" + userId + "/unlock", null, bearer(operator))
                        .status())
                .isEqualTo(204);
        assertThat(login(ada).status()).isEqualTo(200);
    }

    @Test
    void anOperatorEndsEverySessionOfAnAccount() {
        var ada = unique("ends");
        var userId = register(ada).json().path("userId").asString();
        var first = login(ada).json().path("access_token").asString();
        var second = login(ada).json().path("access_token").asString();
        assertThat(http.delete("/api/v1/admin/users/" + userId + "/sessions", bearer(first))
                        .status())
                .isEqualTo(403);
        assertThat(http.delete("/api/v1/admin/users/" + userId + "/sessions", bearer(operatorToken()))
                        .status())
                .isEqualTo(204);
        // an ended session's tokens stop within the verifier's delay (§3: 2 s)
        for (var token : new String[] {first, second}) {
            assertThat(Eventually.within(
                            Duration.ofSeconds(3),
                            () -> http.get("/api/v1/users/me/applications", bearer(token))
                                            .status()
                                    == 401))
                    .isTrue();
        }
        assertThat(login(ada).status()).as("not locked: signs in again").isEqualTo(200);
        assertThat(http.delete(
                                "/api/v1/admin/users/00000000-0000-0000-0000-000000000000/sessions",
                                bearer(operatorToken()))
                        .status())
                .isEqualTo(404);
    }
}
