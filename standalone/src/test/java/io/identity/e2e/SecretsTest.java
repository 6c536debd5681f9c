package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** No password, token or hash of one ends up anywhere a reader, a log or a stream consumer could see it. */
class SecretsTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void noReadModelHoldsAPasswordATokenOrAHash() {
        var system = RunningSystem.get();
        var name = "s" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post("/api/v1/registrations", Map.of("username", name,
                "email", name + "@example.com", "password", PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var tokens = login.json();
        var me = system.query.get("/api/v1/users/me", "Authorization", "Bearer " + tokens.path("access_token").asString(),
                "X-Min-Position", login.header("X-Event-Position"));
        assertThat(me.status()).isEqualTo(200);

        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'query' "
                + "AND table_type = 'BASE TABLE' AND table_name NOT IN ('token_entry', 'flyway_schema_history')",
                String.class);
        assertThat(tables).contains("users", "sessions");
        var secrets = List.of(PASSWORD, tokens.path("access_token").asString(), tokens.path("refresh_token").asString(),
                "$2a$");
        for (var table : tables) {
            for (var secret : secrets) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM query." + table + " t WHERE position(? in t::text) > 0",
                        Long.class, secret)).as("%s holds no secret", table).isZero();
            }
        }
        assertThat(Http.JSON.readTree(me.body()).toString()).doesNotContain("$2a$").doesNotContain(PASSWORD);
    }
}
