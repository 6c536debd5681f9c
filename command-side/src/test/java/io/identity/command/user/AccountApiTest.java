package io.identity.command.user;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AccountApiTest extends CommandSideTest {

    @Autowired
    EventStore eventStore;

    private record Signed(String userId, String companyId, String access, String refresh) {}

    private Signed user(boolean withCompany) {
        var name = unique("acct");
        var body = new HashMap<String, Object>(
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        if (withCompany) {
            body.put("company", Map.of("name", "Co " + name));
        }
        var registered = http.post("/api/v1/registrations", body).json();
        var tokens = login(name).json();
        return new Signed(
                registered.path("userId").asString(),
                registered.path("companyId").asString(),
                tokens.path("access_token").asString(),
                tokens.path("refresh_token").asString());
    }

    private String username(Signed user) {
        return jdbc.queryForObject(
                "SELECT username FROM accounts WHERE user_id = ?::uuid", String.class, user.userId());
    }

    @Test
    void aClosedAccountCannotSignInAndItsSessionsEnd() {
        var user = user(false);
        var name = username(user);
        var wrong = http.deleteWithBody(
                "/api/v1/users/me", Map.of("currentPassword", "not the password"), bearer(user.access()));
        assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");

        var closed =
                http.deleteWithBody("/api/v1/users/me", Map.of("currentPassword", PASSWORD), bearer(user.access()));
        assertThat(closed.status()).isEqualTo(204);
        assertThat(closed.header("X-Event-Position")).isNotNull();
        var refused = login(name);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("account_disabled");
        assertThat(http.post("/api/v1/auth/login", Map.of("login", name, "password", "a wrong password"))
                        .status())
                .as("without the right password nothing is told")
                .isEqualTo(401);
        assertThat(http.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refresh()))
                        .status())
                .isEqualTo(401);
        assertThat(http.form(
                                "/oauth2/token",
                                "grant_type=password&username=" + name + "&password=correct+horse+battery")
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("invalid_grant");
    }

    @Test
    void theOnlyOwnerOfACompanyCannotLeaveItOwnerless() {
        var owner = user(true);
        var refused =
                http.deleteWithBody("/api/v1/users/me", Map.of("currentPassword", PASSWORD), bearer(owner.access()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("last_owner");
        assertThat(login(username(owner)).status()).as("nothing changed").isEqualTo(200);

        var second = user(false);
        var next = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                owner.companyId());
        eventStore.publish(new GenericDomainEventMessage<>(
                "Company",
                owner.companyId(),
                next,
                new MemberJoined(
                        UUID.fromString(owner.companyId()),
                        UUID.fromString(second.userId()),
                        CompanyRole.OWNER,
                        Instant.now())));
        assertThat(http.deleteWithBody("/api/v1/users/me", Map.of("currentPassword", PASSWORD), bearer(owner.access()))
                        .status())
                .as("another owner remains")
                .isEqualTo(204);
        assertThat(http.deleteWithBody("/api/v1/users/me", Map.of("currentPassword", PASSWORD), bearer(second.access()))
                        .status())
                .as("now the only active owner")
                .isEqualTo(409);

        var members = "/api/v1/companies/" + owner.companyId() + "/members/" + second.userId();
        var leaving = http.delete(members, bearer(second.access()));
        assertThat(leaving.status()).as("the only active owner leaving").isEqualTo(409);
        assertThat(leaving.json().path("code").asString()).isEqualTo("last_owner");
        var stepping = http.put(members + "/role", Map.of("role", "ADMIN"), bearer(second.access()));
        assertThat(stepping.status()).as("the only active owner stepping down").isEqualTo(409);
        assertThat(stepping.json().path("code").asString()).isEqualTo("last_owner");
        assertThat(jdbc.queryForObject(
                        "SELECT role FROM company_members WHERE company_id = ?::uuid " + "AND user_id = ?::uuid",
                        String.class,
                        owner.companyId(),
                        second.userId()))
                .isEqualTo("OWNER");
    }
}
