package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.support.test.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A company's life through both sides: roles, settings, removal, history as of past instants, deletion. Until
 * invitations exist, members join by an event appended to the company's stream, as the aggregate records it.
 */
class CompanyTest {

    private static final String PASSWORD = "correct horse battery";
    private final RunningSystem system = RunningSystem.get();
    private String position = "0";

    private record User(String id, String token) {
        String[] auth() {
            return bearer(token);
        }
    }

    private User user(boolean company) {
        var name = "c" + UUID.randomUUID().toString().substring(0, 8);
        var body = new HashMap<String, Object>(
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        if (company) {
            body.put("company", Map.of("name", "Works of " + name));
        }
        var id = system.command
                .post("/api/v1/registrations", body)
                .json()
                .path("userId")
                .asString();
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        position = login.header("X-Event-Position");
        return new User(id, login.json().path("access_token").asString());
    }

    private void join(String companyId, User member) {
        var next = system.commandContext
                .getBean(JdbcTemplate.class)
                .queryForObject(
                        "SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
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
        position = system.commandContext
                .getBean(JdbcTemplate.class)
                .queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class)
                .toString();
    }

    private Http.Response command(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        if (response.header("X-Event-Position") != null) {
            position = response.header("X-Event-Position");
        }
        return response;
    }

    private Http.Response read(String path, User viewer) {
        return system.query.get(path, "Authorization", "Bearer " + viewer.token(), "X-Min-Position", position);
    }

    private Map<String, String> roles(String companyId, User viewer, String query) {
        var roles = new HashMap<String, String>();
        read("/api/v1/companies/" + companyId + "/members" + query, viewer)
                .json()
                .path("items")
                .forEach(item -> roles.put(
                        item.path("userId").asString(), item.path("role").asString()));
        return roles;
    }

    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        var now = Instant.now();
        Thread.sleep(20);
        return now;
    }

    @Test
    void rolesSettingsRemovalHistoryAndDeletion() throws Exception {
        var before = pause();
        var olga = user(true);
        var adam = user(false);
        var mia = user(false);
        var companyId = read("/api/v1/users/me/companies", olga)
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        join(companyId, adam);
        join(companyId, mia);
        var joined = pause();

        command(
                system.command.put(
                        "/api/v1/companies/" + companyId + "/members/" + adam.id() + "/role",
                        Map.of("role", "ADMIN"),
                        olga.auth()),
                204);
        var promoted = pause();
        assertThat(roles(companyId, mia, "")).containsEntry(adam.id(), "ADMIN").containsEntry(olga.id(), "OWNER");

        command(system.command.patch("/api/v1/companies/" + companyId, Map.of("name", "Renamed"), adam.auth()), 204);
        assertThat(read("/api/v1/companies/" + companyId, mia)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Renamed");
        var forbidden = system.command.patch("/api/v1/companies/" + companyId, Map.of("name", "Mine"), mia.auth());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(system.command
                        .put(
                                "/api/v1/companies/" + companyId + "/members/" + adam.id() + "/role",
                                Map.of("role", "OWNER"),
                                adam.auth())
                        .status())
                .as("admins make no owners")
                .isEqualTo(403);

        command(
                system.command.patch(
                        "/api/v1/companies/" + companyId + "/settings",
                        Map.of("invitationExpiryDays", 14, "allowedEmailDomains", List.of("Example.com")),
                        olga.auth()),
                204);
        var settings = read("/api/v1/companies/" + companyId, olga).json().path("settings");
        assertThat(settings.path("invitationExpiryDays").asInt()).isEqualTo(14);
        assertThat(settings.path("allowedEmailDomains").toString()).isEqualTo("[\"example.com\"]");
        var invalid = system.command.patch(
                "/api/v1/companies/" + companyId + "/settings",
                Map.of("invitationExpiryDays", 31, "defaultInvitationRole", "OWNER"),
                olga.auth());
        assertThat(invalid.json().path("errors").toString()).contains("invitationExpiryDays", "defaultInvitationRole");

        command(system.command.delete("/api/v1/companies/" + companyId + "/members/" + mia.id(), olga.auth()), 204);
        var removed = pause();
        assertThat(system.command
                        .delete("/api/v1/companies/" + companyId + "/members/" + mia.id(), mia.auth())
                        .status())
                .as("a removed member loses access at once")
                .isEqualTo(404);
        assertThat(read("/api/v1/companies/" + companyId, mia).status()).isEqualTo(404);

        assertThat(roles(companyId, olga, "?asOf=" + before)).isEmpty();
        assertThat(roles(companyId, olga, "?asOf=" + joined))
                .containsEntry(adam.id(), "MEMBER")
                .containsEntry(mia.id(), "MEMBER")
                .containsEntry(olga.id(), "OWNER")
                .hasSize(3);
        assertThat(roles(companyId, olga, "?asOf=" + promoted))
                .containsEntry(adam.id(), "ADMIN")
                .containsKey(mia.id());
        assertThat(roles(companyId, olga, "?asOf=" + removed))
                .doesNotContainKey(mia.id())
                .hasSize(2);
        assertThat(roles(companyId, olga, "?asOf=" + promoted + "&role=ADMIN")).containsOnlyKeys(adam.id());
        assertThat(read("/api/v1/companies/" + companyId + "/members?asOf=yesterday", olga)
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("validation_failed");

        var lastOwner = system.command.delete("/api/v1/companies/" + companyId + "/members/" + olga.id(), olga.auth());
        assertThat(lastOwner.status()).isEqualTo(409);
        assertThat(lastOwner.json().path("code").asString()).isEqualTo("last_owner");

        assertThat(system.command
                        .delete("/api/v1/companies/" + companyId, adam.auth())
                        .status())
                .isEqualTo(403);
        command(system.command.delete("/api/v1/companies/" + companyId, olga.auth()), 204);
        assertThat(read("/api/v1/companies/" + companyId, olga).status()).isEqualTo(404);
        assertThat(read("/api/v1/users/me/companies", adam).json().path("items").size())
                .isZero();
        assertThat(system.command
                        .patch("/api/v1/companies/" + companyId, Map.of("name", "Back"), olga.auth())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void pagingThroughMembersMeetsEveryoneOnceWhileOthersJoin() throws Exception {
        var olga = user(true);
        var companyId = read("/api/v1/users/me/companies", olga)
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        var expected = new HashSet<String>(List.of(olga.id()));
        for (int i = 0; i < 7; i++) {
            var member = user(false);
            join(companyId, member);
            expected.add(member.id());
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        var page = 0;
        do {
            var items = read(
                            "/api/v1/companies/" + companyId + "/members?limit=3"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            olga)
                    .json();
            items.path("items").forEach(item -> seen.add(item.path("userId").asString()));
            cursor = items.path("nextCursor").isNull()
                    ? null
                    : items.path("nextCursor").asString();
            join(companyId, user(false));
            page++;
        } while (cursor != null && page < 20);
        assertThat(seen).doesNotHaveDuplicates().containsAll(expected);
    }
}
