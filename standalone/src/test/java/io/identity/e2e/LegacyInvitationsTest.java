package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.company.CompanyRole;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A store written by the version in which invitations lived in their company's aggregate: their events are in the
 * company's stream, under its id and sequence numbers, as that version's Company recorded them, and the command
 * side's lookups hold them as that version's handlers wrote them. Those rows stay as they are; this version goes on
 * with those invitations (resent, answered, revoked, revoked with their deleted company), each in a stream of its
 * own that continues the numbering of its events in the company's; the company keeps counting them; the audit
 * chain holds; and a rebuild of the invitations read model replays them in order.
 */
class LegacyInvitationsTest {

    private final RunningSystem system = RunningSystem.get();
    private final JdbcTemplate jdbc = system.commandContext.getBean(JdbcTemplate.class);

    private record Owner(String id, String companyId, String[] auth) {}

    private Owner owner() {
        var name = "old" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post(
                "/api/v1/registrations", Registrations.withCompany(name, RunningSystem.PASSWORD, "Old " + name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login =
                system.command.post("/api/v1/auth/login", Map.of("login", name, "password", RunningSystem.PASSWORD));
        return new Owner(
                registered.json().path("userId").asString(),
                registered.json().path("companyId").asString(),
                Http.bearer(login.json().path("access_token").asString()));
    }

    /**
     * Appends the events to the company's stream after its last, as the earlier version's Company aggregate did in
     * one command: the same event classes, the aggregate type {@code Company}, the company's sequence numbers, the
     * actor in the metadata. The command side's subscribing lookups take them in the same transaction, as then.
     */
    private void recordedByTheEarlierVersion(String companyId, String actorId, Object... events) {
        long next = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                companyId);
        var messages = new ArrayList<DomainEventMessage<?>>();
        var metadata =
                Map.of("actorId", actorId, "correlationId", UUID.randomUUID().toString());
        for (var event : events) {
            messages.add(new GenericDomainEventMessage<>("Company", companyId, next++, event, metadata));
        }
        var store = system.commandContext.getBean(EventStore.class);
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(system.commandContext.getBean(TransactionManager.class));
        unitOfWork.execute(() -> store.publish(messages));
    }

    private static MemberInvited invited(
            UUID invitationId, String companyId, String email, String ownerId, String token) {
        var now = Instant.now();
        return new MemberInvited(
                invitationId,
                UUID.fromString(companyId),
                email,
                CompanyRole.MEMBER,
                UUID.fromString(ownerId),
                OpaqueTokens.hashHex(token),
                now.plus(Duration.ofDays(7)),
                now);
    }

    /** The stored rows of an aggregate, in order: type, sequence number and event. */
    private List<String> rows(Object aggregateId) {
        return jdbc.queryForList(
                "SELECT type || ' ' || sequence_number || ' ' || substring(payload_type from "
                        + "'[^.]+$') FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                aggregateId.toString());
    }

    /** The rows as stored, byte for byte, to tell that nothing rewrote them. */
    private List<Map<String, Object>> stored(String aggregateId) {
        return jdbc.queryForList(
                "SELECT global_index, event_identifier, sequence_number, type, payload_type, "
                        + "md5(payload) AS payload, md5(meta_data) AS meta_data, time_stamp FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY global_index",
                aggregateId);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void invitationsRecordedInTheirCompanysStreamGoOnInStreamsOfTheirOwn() {
        var olga = owner();
        var pendingAddress = unique("pending");
        var declinedAddress = unique("declined");
        var revokedAddress = unique("revoked");
        var pending = UUID.randomUUID();
        var declined = UUID.randomUUID();
        var revoked = UUID.randomUUID();
        var replacedLink = OpaqueTokens.generate();
        var currentLink = OpaqueTokens.generate();
        var now = Instant.now();
        recordedByTheEarlierVersion(
                olga.companyId(),
                olga.id(),
                invited(pending, olga.companyId(), pendingAddress, olga.id(), replacedLink),
                new InvitationResent(
                        pending,
                        UUID.fromString(olga.companyId()),
                        OpaqueTokens.hashHex(currentLink),
                        now.plus(Duration.ofDays(7)),
                        UUID.fromString(olga.id()),
                        now),
                invited(declined, olga.companyId(), declinedAddress, olga.id(), OpaqueTokens.generate()),
                new InvitationDeclined(declined, UUID.fromString(olga.companyId()), now),
                invited(revoked, olga.companyId(), revokedAddress, olga.id(), OpaqueTokens.generate()));
        var legacyRows = stored(olga.companyId());
        assertThat(rows(pending)).as("no stream of its own yet").isEmpty();

        // the company counts them: one open invitation per address, a declined one no longer
        var path = "/api/v1/companies/" + olga.companyId() + "/invitations";
        var again = system.command.post(path, Map.of("email", pendingAddress.toUpperCase()), olga.auth());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("invitation_pending");
        var reinvited = system.command.post(path, Map.of("email", declinedAddress), olga.auth());
        assertThat(reinvited.status()).isEqualTo(201);
        assertThat(rows(reinvited.json().path("invitationId").asString()))
                .containsExactly("Invitation 0 MemberInvited");

        // resent, then accepted: its own stream continues the numbering of its two events in the company's
        var resent = system.command.post("/api/v1/invitations/" + pending + "/resend", "", olga.auth());
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(rows(pending)).containsExactly("Invitation 2 InvitationResent");
        var mailed = Mails.invitationToken(system.mail, pendingAddress);
        for (var old : List.of(replacedLink, currentLink)) {
            assertThat(system.command
                            .post("/api/v1/invitations/decline", Map.of("token", old))
                            .status())
                    .as("a link the resend replaced")
                    .isEqualTo(404);
        }
        var newcomer = "new" + UUID.randomUUID().toString().substring(0, 8);
        var joined = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", mailed, "username", newcomer, "password", RunningSystem.PASSWORD));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        assertThat(joined.json().path("companyId").asString()).isEqualTo(olga.companyId());
        assertThat(rows(pending)).containsExactly("Invitation 2 InvitationResent", "Invitation 3 InvitationAccepted");
        var twice = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", mailed, "username", newcomer + "x", "password", RunningSystem.PASSWORD));
        assertThat(twice.json().path("code").asString()).isEqualTo("invitation_not_pending");

        // revoked by the owner; and one of a company deleted since is revoked with it
        assertThat(system.command
                        .delete("/api/v1/invitations/" + revoked, olga.auth())
                        .status())
                .isEqualTo(204);
        assertThat(system.command
                        .delete("/api/v1/invitations/" + revoked, olga.auth())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("invitation_not_pending");
        assertThat(rows(revoked)).containsExactly("Invitation 1 InvitationRevoked");
        var doomed = system.command
                .post("/api/v1/companies", Map.of("name", "Doomed"), olga.auth())
                .json()
                .path("companyId")
                .asString();
        var doomedInvitation = UUID.randomUUID();
        var doomedLink = OpaqueTokens.generate();
        recordedByTheEarlierVersion(
                doomed, olga.id(), invited(doomedInvitation, doomed, unique("doomed"), olga.id(), doomedLink));
        var deleted = system.command.delete("/api/v1/companies/" + doomed, olga.auth());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(rows(doomedInvitation)).containsExactly("Invitation 1 InvitationRevoked");
        var late = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", doomedLink, "username", "late" + newcomer, "password", RunningSystem.PASSWORD));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("code").asString()).isEqualTo("invitation_not_pending");

        assertThat(stored(olga.companyId()).subList(0, legacyRows.size()))
                .as("the earlier rows, as they were stored")
                .isEqualTo(legacyRows);
        assertThat(rows(olga.companyId()))
                .as("the company's record of what happened since")
                .endsWith(
                        "Company 7 InvitationOpened",
                        "Company 8 MemberJoined",
                        "Company 9 InvitationClosed",
                        "Company 10 InvitationClosed");

        var operator = system.signIn(RunningSystem.OPERATOR);
        var last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(Eventually.within(
                        Duration.ofSeconds(30),
                        () -> system.query
                                        .get("/api/v1/audit/verify", "Authorization", operator)
                                        .json()
                                        .path("verifiedUpTo")
                                        .asLong()
                                >= last))
                .isTrue();
        var chain = system.query
                .get("/api/v1/audit/verify", "Authorization", operator)
                .json();
        assertThat(chain.path("intact").asBoolean())
                .as("the audit chain over the old rows: %s", chain)
                .isTrue();

        var stream = Topics.readUntil(
                system,
                "identity.invitations",
                Duration.ofSeconds(30),
                all -> all.stream()
                        .anyMatch(r ->
                                pending.toString().equals(r.key()) && r.value().contains("InvitationAccepted")));
        var ofPending = stream.stream()
                .filter(r -> r.value().contains(pending.toString()))
                .map(r -> r.key() + " "
                        + Http.JSON.readTree(r.value()).path("sequence").asLong() + " "
                        + Http.JSON.readTree(r.value()).path("type").asString())
                .toList();
        assertThat(ofPending)
                .as("its earlier messages keyed by its company, its later ones by itself")
                .containsExactlyInAnyOrder(
                        olga.companyId() + " 2 identity.invitation.MemberInvited",
                        olga.companyId() + " 3 identity.invitation.InvitationResent",
                        pending + " 2 identity.invitation.InvitationResent",
                        pending + " 3 identity.invitation.InvitationAccepted");

        // the read model, rebuilt from the first event, has each invitation as it ended
        var started =
                system.query.post("/api/v1/admin/projections/invitations/rebuild", Map.of(), "Authorization", operator);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(Eventually.within(
                        Duration.ofSeconds(120),
                        () -> "SWITCHED"
                                .equals(system.query
                                        .get(started.header("Location"), "Authorization", operator)
                                        .json()
                                        .path("state")
                                        .asString())))
                .as("switched in")
                .isTrue();
        var statuses = new HashMap<String, String>();
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> {
                    statuses.clear();
                    for (JsonNode item :
                            system.query.get(path, olga.auth()).json().path("items")) {
                        statuses.put(
                                item.path("invitationId").asString(),
                                item.path("status").asString());
                    }
                    return statuses.size() == 4;
                }))
                .as("%s", statuses)
                .isTrue();
        assertThat(statuses)
                .containsEntry(pending.toString(), "ACCEPTED")
                .containsEntry(declined.toString(), "DECLINED")
                .containsEntry(revoked.toString(), "REVOKED")
                .containsEntry(reinvited.json().path("invitationId").asString(), "PENDING");
    }
}
