package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.QuerySideApplication;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replica mode: a query-side instance with a schema of its own builds every read model from the events by
 * itself (its own token store), next to the shared instances, and answers the same reads; with the stream
 * publisher off, since the shared instances publish.
 */
class ReplicaTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String SCHEMA = "query_replica";

    @Test
    void aReplicaBuildsItsOwnReadModelsFromTheEventsAndAnswersTheSameReads() {
        var system = RunningSystem.get();
        var name = "rp" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Replicated"));
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var bearer = "Bearer " + login.json().path("access_token").asString();

        var port = RunningSystem.port();
        var arguments = new ArrayList<>(List.of(system.queryArguments(port)));
        arguments.addAll(List.of("--identity.db.schema=" + SCHEMA, "--identity.kafka.enabled=false"));
        var replica = QuerySideApplication.builder().run(arguments.toArray(String[]::new));
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        try {
            var reads = new Http("http://localhost:" + port);
            assertThat(Eventually.within(
                            Duration.ofSeconds(60),
                            () -> reads.get(
                                                    "/api/v1/users/me",
                                                    "Authorization",
                                                    bearer,
                                                    "X-Min-Position",
                                                    login.header("X-Event-Position"))
                                            .status()
                                    == 200))
                    .as("the replica caught up from the first event")
                    .isTrue();
            var shared = system.query
                    .get(
                            "/api/v1/users/me",
                            "Authorization",
                            bearer,
                            "X-Min-Position",
                            login.header("X-Event-Position"))
                    .json();
            assertThat(reads.get("/api/v1/users/me", "Authorization", bearer).json())
                    .isEqualTo(shared);

            var changed = system.command.patch(
                    "/api/v1/users/me/profile", Map.of("bio", "replicated"), "Authorization", bearer);
            assertThat(reads.get(
                                    "/api/v1/users/me",
                                    "Authorization",
                                    bearer,
                                    "X-Min-Position",
                                    changed.header("X-Event-Position"))
                            .json()
                            .path("bio")
                            .asString())
                    .isEqualTo("replicated");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM " + SCHEMA + ".token_entry " + "WHERE processor_name = 'stream'",
                            Integer.class))
                    .as("it publishes nothing")
                    .isZero();
        } finally {
            replica.close();
            jdbc.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }
}
