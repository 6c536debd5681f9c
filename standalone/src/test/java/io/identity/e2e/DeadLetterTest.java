package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model that cannot take one event: the event waits in the dead-letter queue with its cause, everything
 * else goes on, and once the cause is gone an operator's retry applies it; nobody else even sees that the endpoints exist.
 */
class DeadLetterTest {

    private static final String PASSWORD = RunningSystem.PASSWORD;
    private final RunningSystem system = RunningSystem.get();

    @Test
    void operatorsSeeWhereEachProjectionIs() {
        var operator = system.signIn(RunningSystem.OPERATOR);
        var status = system.query.get("/api/v1/admin/projections", "Authorization", operator);
        assertThat(status.status()).isEqualTo(200);
        var names = new ArrayList<String>();
        status.json().path("items").forEach(item -> {
            names.add(item.path("projection").asString());
            assertThat(item.path("eventsBehind").asLong())
                    .isEqualTo(
                            item.path("head").asLong() - item.path("position").asLong());
        });
        assertThat(names).contains("users", "companies", "sessions", "invitations", "audit");
        var someone = system.signIn("curious" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(system.query
                        .get("/api/v1/admin/projections", "Authorization", someone)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anEventTheUsersModelRefusesWaitsForAnOperatorsRetry() {
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var operator = system.signIn(RunningSystem.OPERATOR);
        var poisoned = "poison" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("ALTER TABLE query.users ADD CONSTRAINT refuses_poison CHECK (username NOT LIKE 'poison%')");
        try {
            var registered = system.command.post(
                    "/api/v1/registrations",
                    Map.of("username", poisoned, "email", poisoned + "@example.com", "password", PASSWORD));
            var userId = registered.json().path("userId").asString();
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> system.query
                                    .get("/api/v1/admin/dead-letters", "Authorization", operator)
                                    .json()
                                    .path("items")
                                    .findValuesAsString("aggregateId")
                                    .contains(userId)))
                    .as("set aside")
                    .isTrue();

            var bystander =
                    system.signIn("bystander" + UUID.randomUUID().toString().substring(0, 8));
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> system.query
                                            .get("/api/v1/users/me", "Authorization", bystander)
                                            .status()
                                    == 200))
                    .as("everyone else goes on")
                    .isTrue();
            // operator endpoints refuse anyone else
            assertThat(system.query
                            .get("/api/v1/admin/dead-letters", "Authorization", bystander)
                            .status())
                    .isEqualTo(403);
            assertThat(system.query
                            .post("/api/v1/admin/dead-letters/users/retry", Map.of(), "Authorization", bystander)
                            .status())
                    .isEqualTo(403);
        } finally {
            jdbc.execute("ALTER TABLE query.users DROP CONSTRAINT refuses_poison");
        }
        var retried = system.query.post("/api/v1/admin/dead-letters/users/retry", Map.of(), "Authorization", operator);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("remaining").asLong()).isZero();
        var login = system.command.post("/api/v1/auth/login", Map.of("login", poisoned, "password", PASSWORD));
        var me = system.query.get(
                "/api/v1/users/me",
                "Authorization",
                "Bearer " + login.json().path("access_token").asString(),
                "X-Min-Position",
                login.header("X-Event-Position"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(poisoned);
        assertThat(system.query
                        .post("/api/v1/admin/dead-letters/nothing/retry", Map.of(), "Authorization", operator)
                        .status())
                .isEqualTo(404);
    }
}
