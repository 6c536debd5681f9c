package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The data export holds the profile, the sessions and the account's own history, and no secret. */
class ExportTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void theExportHoldsEverythingAboutTheCallerButTheirSecrets() {
        var system = RunningSystem.get();
        var name = "x" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        system.command.post("/api/v1/auth/login", Map.of("login", name, "password", "a wrong password"));
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var token = login.json().path("access_token").asString();
        var patched = system.command.patch(
                "/api/v1/users/me/profile", Map.of("bio", "Likes engines"), "Authorization", "Bearer " + token);

        var export = system.query.get(
                "/api/v1/users/me/export",
                "Authorization",
                "Bearer " + token,
                "X-Min-Position",
                patched.header("X-Event-Position"));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).contains("attachment");
        var body = export.json();
        assertThat(body.path("user").path("username").asString()).isEqualTo(name);
        assertThat(body.path("user").path("bio").asString()).isEqualTo("Likes engines");
        assertThat(body.path("sessions").size()).isEqualTo(1);
        var types = new ArrayList<String>();
        body.path("history").forEach(item -> types.add(item.path("type").asString()));
        assertThat(types)
                .contains(
                        "UserRegistered",
                        "EmailVerificationRequested",
                        "LoginFailed",
                        "SessionStarted",
                        "ProfileUpdated");
        body.path("history")
                .forEach(item -> assertThat(item.path("occurredAt").asString()).isNotBlank());
        assertThat(body.path("history").get(0).path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(export.body())
                .doesNotContain("Hash")
                .doesNotContain("$2a$")
                .doesNotContain(PASSWORD)
                .doesNotContain("pd1:");
        assertThat(system.query.get("/api/v1/users/me/export").status()).isEqualTo(401);
    }

    /**
     * Beyond the account's own history: its memberships, the invitations to its address, what it did in its
     * companies as the audit log has it, and what became of the mails sent to it.
     */
    @Test
    void theExportHoldsTheCompanySideToo() {
        var system = RunningSystem.get();
        var name = "y" + UUID.randomUUID().toString().substring(0, 8);
        var email = name + "@example.com";
        var companyId = system.command
                .post(
                        "/api/v1/registrations",
                        Map.of(
                                "username",
                                name,
                                "email",
                                email,
                                "password",
                                PASSWORD,
                                "company",
                                Map.of("name", "Works of " + name)))
                .json()
                .path("companyId")
                .asString();
        var other = "z" + name;
        var otherCompany = system.command
                .post("/api/v1/registrations", Registrations.withCompany(other, PASSWORD, "Other of " + name))
                .json()
                .path("companyId")
                .asString();
        var otherAuth = "Bearer "
                + system.command
                        .post("/api/v1/auth/login", Map.of("login", other, "password", PASSWORD))
                        .json()
                        .path("access_token")
                        .asString();
        var invited = system.command.post(
                "/api/v1/companies/" + otherCompany + "/invitations",
                Map.of("email", email),
                "Authorization",
                otherAuth);
        assertThat(invited.status()).isEqualTo(201);
        var token = "Bearer "
                + system.command
                        .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                        .json()
                        .path("access_token")
                        .asString();
        var renamed = system.command.patch(
                "/api/v1/companies/" + companyId, Map.of("description", "Engines"), "Authorization", token);

        var body = new JsonNode[1];
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> {
                    body[0] = system.query
                            .get(
                                    "/api/v1/users/me/export",
                                    "Authorization",
                                    token,
                                    "X-Min-Position",
                                    renamed.header("X-Event-Position"))
                            .json();
                    var types = new ArrayList<String>();
                    body[0].path("history")
                            .forEach(item -> types.add(item.path("type").asString()));
                    return types.contains("MailDelivery");
                }))
                .as("the outcome of the mails sent to them")
                .isTrue();
        var export = body[0];
        assertThat(export.path("memberships").size()).isEqualTo(1);
        assertThat(export.path("memberships").get(0).path("role").asString()).isEqualTo("OWNER");
        assertThat(export.path("memberships").get(0).path("companyName").asString())
                .isEqualTo("Works of " + name);
        assertThat(export.path("invitations").size())
                .as("an address is not theirs before they prove it")
                .isZero();
        var verification = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]+)");
        var mailed = Mails.to(system.mail, email).stream()
                .map(mail -> verification.matcher(Mails.text(mail)))
                .filter(Matcher::find)
                .map(found -> found.group(1))
                .findFirst()
                .orElseThrow();
        var verified = system.command.post("/api/v1/email-verification", Map.of("token", mailed));
        assertThat(verified.status()).isEqualTo(204);
        var invitations = system.query
                .get(
                        "/api/v1/users/me/export",
                        "Authorization",
                        token,
                        "X-Min-Position",
                        verified.header("X-Event-Position"))
                .json()
                .path("invitations");
        assertThat(invitations.size()).as("the invitation to their address").isEqualTo(1);
        assertThat(invitations.get(0).path("companyId").asString()).isEqualTo(otherCompany);
        var audit = new ArrayList<String>();
        export.path("audit")
                .forEach(entry -> audit.add(
                        entry.path("type").asString() + " " + entry.path("ip").asString()));
        assertThat(audit)
                .as("what they did in their company, and from where")
                .contains("CompanyUpdated 127.0.0.1", "CompanyCreated 127.0.0.1");
        assertThat(export.toString())
                .doesNotContain("Hash")
                .doesNotContain("$2a$")
                .doesNotContain(PASSWORD);
    }
}
