package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.support.test.Http;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who sees what of a profile: the owner, a co-member, the company's OWNER and a stranger, for each visibility.
 * Until invitations exist, the co-members join the company by an event appended to its stream, exactly as the
 * Company aggregate would record it.
 */
class PrivacyTest {

    private static final String PASSWORD = "correct horse battery";
    private static RunningSystem system;
    private static User ada;
    private static User olga;
    private static User bob;
    private static User eve;
    private static String position;

    private record User(String id, String name, String token) {
        String[] auth() {
            return bearer(token);
        }
    }

    @BeforeAll
    static void people() {
        system = RunningSystem.get();
        olga = user();
        ada = user();
        bob = user();
        eve = user();
        var companyId = system.command
                .post("/api/v1/companies", Map.of("name", "Shared"), olga.auth())
                .json()
                .path("companyId")
                .asString();
        join(companyId, ada);
        join(companyId, bob);
        position = system.command
                .patch("/api/v1/users/me/profile", Map.of("phone", "+4930123456"), ada.auth())
                .header("X-Event-Position");
    }

    private static User user() {
        var name = "p" + UUID.randomUUID().toString().substring(0, 8);
        var id = system.command
                .post(
                        "/api/v1/registrations",
                        Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                .json()
                .path("userId")
                .asString();
        var token = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        return new User(id, name, token);
    }

    private static void join(String companyId, User member) {
        var jdbc = system.commandContext.getBean(JdbcTemplate.class);
        var next = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                companyId);
        system.commandContext
                .getBean(EventStore.class)
                .publish(new GenericDomainEventMessage<>(
                        "Company",
                        companyId,
                        next,
                        new MemberJoined(
                                UUID.fromString(companyId),
                                UUID.fromString(member.id()),
                                CompanyRole.MEMBER,
                                Instant.now())));
    }

    private void privacy(Map<String, Object> choices) {
        var response = system.command.patch("/api/v1/users/me/privacy", choices, ada.auth());
        assertThat(response.status()).isEqualTo(204);
        if (response.header("X-Event-Position") != null) {
            position = response.header("X-Event-Position");
        }
    }

    private Http.Response adaSeenBy(User viewer) {
        return system.query.get(
                "/api/v1/users/" + ada.id(), "Authorization", "Bearer " + viewer.token(), "X-Min-Position", position);
    }

    @Test
    void publicProfilesShowToEveryoneButContactsOnlyWhenShown() {
        privacy(Map.of("profileVisibility", "PUBLIC", "showEmail", false, "showPhone", false));
        for (var viewer : new User[] {bob, eve}) {
            var seen = adaSeenBy(viewer);
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.json().has("email")).isFalse();
            assertThat(seen.json().has("phone")).isFalse();
        }
        assertThat(adaSeenBy(olga).json().path("email").asString())
                .as("an OWNER of a shared company sees email")
                .isEqualTo(ada.name() + "@example.com");
        assertThat(adaSeenBy(olga).json().has("phone")).isFalse();
        var self = adaSeenBy(ada).json();
        assertThat(self.path("email").asString()).isEqualTo(ada.name() + "@example.com");
        assertThat(self.path("phone").asString()).isEqualTo("+4930123456");

        privacy(Map.of("showEmail", true, "showPhone", true));
        assertThat(adaSeenBy(eve).json().path("email").asString()).isEqualTo(ada.name() + "@example.com");
        assertThat(adaSeenBy(eve).json().path("phone").asString()).isEqualTo("+4930123456");
    }

    @Test
    void companyProfilesShowToCoMembersOnly() {
        privacy(Map.of("profileVisibility", "COMPANY", "showEmail", false, "showPhone", false));
        assertThat(adaSeenBy(bob).status()).isEqualTo(200);
        assertThat(adaSeenBy(olga).status()).isEqualTo(200);
        assertThat(adaSeenBy(eve).status()).isEqualTo(404);
        assertThat(adaSeenBy(ada).status()).isEqualTo(200);
    }

    @Test
    void privateProfilesShowToTheirOwnerOnly() {
        privacy(Map.of("profileVisibility", "PRIVATE"));
        assertThat(adaSeenBy(bob).status()).isEqualTo(404);
        assertThat(adaSeenBy(olga).status()).isEqualTo(404);
        assertThat(adaSeenBy(eve).status()).isEqualTo(404);
        assertThat(adaSeenBy(ada).status()).isEqualTo(200);
        var companies = system.query
                .get("/api/v1/users/me/companies", "Authorization", "Bearer " + bob.token(), "X-Min-Position", position)
                .json();
        var companyId = companies.path("items").get(0).path("companyId").asString();
        var members = system.query
                .get("/api/v1/companies/" + companyId + "/members", bob.auth())
                .json()
                .path("items");
        assertThat(members.toString()).contains(ada.id());
        for (var member : members) {
            if (member.path("userId").asString().equals(ada.id())) {
                assertThat(member.path("displayName").isNull()).isTrue();
                assertThat(member.path("email").isNull()).isTrue();
            }
        }
        var asOwner = system.query
                .get("/api/v1/companies/" + companyId + "/members", olga.auth())
                .json()
                .path("items");
        assertThat(asOwner.toString()).contains(ada.name() + "@example.com");
    }

    @Test
    void aMemberWhoClosedTheirAccountStaysListedMarkedAndHidden() {
        var dan = user();
        var companyId = system.query
                .get(
                        "/api/v1/users/me/companies",
                        "Authorization",
                        "Bearer " + olga.token(),
                        "X-Min-Position",
                        position)
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        join(companyId, dan);
        var closed = system.command.deleteWithBody("/api/v1/users/me", Map.of("currentPassword", PASSWORD), dan.auth());
        assertThat(closed.status()).isEqualTo(204);
        var members = system.query
                .get(
                        "/api/v1/companies/" + companyId + "/members",
                        "Authorization",
                        "Bearer " + olga.token(),
                        "X-Min-Position",
                        closed.header("X-Event-Position"))
                .json()
                .path("items");
        var statuses = new HashMap<String, String>();
        members.forEach(
                m -> statuses.put(m.path("userId").asString(), m.path("status").asString()));
        assertThat(statuses).containsEntry(dan.id(), "DEACTIVATED").containsEntry(olga.id(), "ACTIVE");
        assertThat(system.query.get("/api/v1/users/" + dan.id(), olga.auth()).status())
                .isEqualTo(404);
    }

    @Test
    void theProfileReadsBackAsPatched() {
        var patched = system.command.patch(
                "/api/v1/users/me/profile", Map.of("firstName", "Ada", "bio", "Counts\nthings"), bob.auth());
        var settings = system.command.patch(
                "/api/v1/users/me/settings",
                Map.of("locale", "de-CH", "timezone", "Europe/Zurich", "emailNotifications", Map.of("product", true)),
                bob.auth());
        assertThat(patched.status()).isEqualTo(204);
        var me = system.query
                .get(
                        "/api/v1/users/me",
                        "Authorization",
                        "Bearer " + bob.token(),
                        "X-Min-Position",
                        settings.header("X-Event-Position"))
                .json();
        assertThat(me.path("firstName").asString()).isEqualTo("Ada");
        assertThat(me.path("bio").asString()).isEqualTo("Counts\nthings");
        assertThat(me.path("settings").path("locale").asString()).isEqualTo("de-CH");
        assertThat(me.path("settings").path("timezone").asString()).isEqualTo("Europe/Zurich");
        assertThat(me.path("settings")
                        .path("emailNotifications")
                        .path("product")
                        .asBoolean())
                .isTrue();
        assertThat(me.path("settings")
                        .path("emailNotifications")
                        .path("companyActivity")
                        .asBoolean())
                .isTrue();
    }
}
