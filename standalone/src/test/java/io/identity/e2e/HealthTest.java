package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Http;
import org.junit.jupiter.api.Test;

/**
 * The probes an orchestrator uses: liveness is the process alone, so a slow database never gets instances
 * restarted; readiness adds the database, and on the query side how far the read models are behind.
 */
class HealthTest {

    @Test
    void readinessLooksAtTheDatabaseAndTheProjectionsLivenessAtTheProcessOnly() {
        var system = RunningSystem.get();
        var query = system.query.get("/actuator/health/readiness");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.json().path("status").asString()).isEqualTo("UP");
        assertThat(query.json().path("components").propertyNames()).contains("db", "projections", "readinessState");
        assertThat(query.json()
                        .path("components")
                        .path("projections")
                        .path("details")
                        .path("eventsBehind")
                        .propertyNames())
                .contains("users", "companies", "sessions", "invitations", "audit");

        var command = system.command.get("/actuator/health/readiness");
        assertThat(command.json().path("components").propertyNames())
                .contains("db", "readinessState")
                .doesNotContain("projections");

        for (var side : new Http[] {system.query, system.command}) {
            var liveness = side.get("/actuator/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.json().path("components").propertyNames()).containsExactly("livenessState");
        }
    }
}
