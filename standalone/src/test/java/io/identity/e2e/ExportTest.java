package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The data export holds the profile, the sessions and the account's own history, and no secret. */
class ExportTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void theExportHoldsEverythingAboutTheCallerButTheirSecrets() {
        var system = RunningSystem.get();
        var name = "x" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post("/api/v1/registrations", Map.of("username", name, "email", name + "@example.com",
                "password", PASSWORD));
        system.command.post("/api/v1/auth/login", Map.of("login", name, "password", "a wrong password"));
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var token = login.json().path("access_token").asString();
        var patched = system.command.patch("/api/v1/users/me/profile", Map.of("bio", "Likes engines"),
                "Authorization", "Bearer " + token);

        var export = system.query.get("/api/v1/users/me/export", "Authorization", "Bearer " + token,
                "X-Min-Position", patched.header("X-Event-Position"));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).contains("attachment");
        var body = export.json();
        assertThat(body.path("user").path("username").asString()).isEqualTo(name);
        assertThat(body.path("user").path("bio").asString()).isEqualTo("Likes engines");
        assertThat(body.path("sessions").size()).isEqualTo(1);
        var types = new ArrayList<String>();
        body.path("history").forEach(item -> types.add(item.path("type").asString()));
        assertThat(types).contains("UserRegistered", "EmailVerificationRequested", "LoginFailed", "SessionStarted",
                "ProfileUpdated");
        body.path("history").forEach(item -> assertThat(item.path("occurredAt").asString()).isNotBlank());
        assertThat(body.path("history").get(0).path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(export.body()).doesNotContain("Hash").doesNotContain("$2a$").doesNotContain(PASSWORD)
                .doesNotContain("pd1:");
        assertThat(system.query.get("/api/v1/users/me/export").status()).isEqualTo(401);
    }
}
