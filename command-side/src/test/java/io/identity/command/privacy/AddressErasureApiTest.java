package io.identity.command.privacy;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.command.kernel.EmailAddresses;
import io.identity.events.company.InvitationOpened;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.privacy.AddressErased;
import io.identity.support.privacy.ProtectingSerializer;
import io.identity.support.test.Registrations;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * Erasure by address (§5): someone without an account proves their mailbox with a mailed link, and every invitation
 * to the address goes, answered or not, with the mails about it.
 */
class AddressErasureApiTest extends CommandSideTest {

    private record Owner(String companyId, String[] auth) {}

    private Owner owner() {
        var name = unique("eraser");
        var companyId = http.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Co " + name))
                .json()
                .path("companyId")
                .asString();
        return new Owner(
                companyId, bearer(login(name).json().path("access_token").asString()));
    }

    private String invite(Owner owner, String email) {
        var created = http.post(
                "/api/v1/companies/" + owner.companyId() + "/invitations", Map.of("email", email), owner.auth());
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("invitationId").asString();
    }

    /** The token of the invitation link in the newest of {@code count} mails to the address. */
    private static String invitationToken(String email, int count) {
        var text = TestSmtp.part(TestSmtp.awaitMessages(email, count).get(count - 1), "text/plain");
        var link = Pattern.compile("/invitations/([A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as("the mail holds the link").isTrue();
        return link.group(1);
    }

    private long count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }

    @Test
    void theMailboxConfirmsAndEveryInvitationToTheAddressIsShreddedAnsweredOrNot() throws Exception {
        var first = owner();
        var second = owner();
        var email = unique("Nobody") + "@Example.org";
        var declined = invite(first, email);
        assertThat(http.post("/api/v1/invitations/decline", Map.of("token", invitationToken(email, 1)))
                        .status())
                .isEqualTo(204);
        var pending = invite(second, email.toLowerCase());
        var pendingToken = invitationToken(email, 2);
        var other = invite(second, unique("someone") + "@example.org");

        var asked = http.post("/api/v1/privacy/erase-address", Map.of("email", email.toUpperCase()));
        assertThat(asked.status()).isEqualTo(202);
        var mail = TestSmtp.awaitMessages(email, 3).get(2);
        assertThat(mail.getSubject()).contains("Erase what");
        var token = TestSmtp.linkToken(mail, "/erase-address");
        assertThat(count(
                        "SELECT count(*) FROM address_erasure_requests WHERE token_hash = ? OR address_hash = ?",
                        token,
                        email))
                .as("neither the token nor the address is stored as it is")
                .isZero();

        var confirmed = http.post("/api/v1/privacy/erase-address/confirm", Map.of("token", token));
        assertThat(confirmed.status()).isEqualTo(204);
        assertThat(confirmed.header("X-Event-Position")).isNotNull();

        for (var invitation : List.of(declined, pending)) {
            assertThat(count("SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", invitation))
                    .as("the invitation's key is gone")
                    .isZero();
            assertThat(count(
                            "SELECT count(*) FROM mail_outbox WHERE subject_id = ?::uuid OR mentions @> "
                                    + "ARRAY[?::uuid]",
                            invitation,
                            invitation))
                    .as("and its mails")
                    .isZero();
            assertThat(count(
                            "SELECT count(*) FROM invitation_links WHERE invitation_id = ?::uuid AND email <> ''",
                            invitation))
                    .as("and its address in the links")
                    .isZero();
        }
        var invited = lastEvent(pending, MemberInvited.class);
        assertThat(invited.email()).isEqualTo(ProtectingSerializer.ERASED);
        var opened = storedEvents(second.companyId()).stream()
                .map(event -> event.getPayload())
                .filter(InvitationOpened.class::isInstance)
                .map(InvitationOpened.class::cast)
                .filter(event -> event.invitationId().toString().equals(pending))
                .findFirst()
                .orElseThrow();
        assertThat(opened.addressHash())
                .as("the company's record of the address goes with it")
                .isEqualTo(ProtectingSerializer.ERASED);
        var revoked = lastEvent(pending, InvitationRevoked.class);
        assertThat(revoked.invitationId().toString())
                .as("the pending one is withdrawn")
                .isEqualTo(pending);
        assertThat(revoked.revokedBy()).isNull();
        assertThat(count("SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", other))
                .as("an invitation to another address stays")
                .isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient ILIKE ?", email))
                .as("not even the mail that carried the link stays")
                .isZero();

        var erased = jdbc
                .queryForList(
                        "SELECT global_index FROM domain_event_entry WHERE payload_type = ?",
                        Long.class,
                        AddressErased.class.getName())
                .stream()
                .map(this::payloadAt)
                .map(AddressErased.class::cast)
                .filter(event -> event.addressSha256().equals(EmailAddresses.hash(email)))
                .findFirst()
                .orElseThrow();
        assertThat(erased.invitationIds())
                .containsExactlyInAnyOrder(UUID.fromString(declined), UUID.fromString(pending));

        var refused = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", pendingToken, "username", unique("late"), "password", PASSWORD));
        assertThat(refused.status()).as("the withdrawn invitation's link").isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("invitation_not_pending");
        var again = http.post("/api/v1/privacy/erase-address/confirm", Map.of("token", token));
        assertThat(again.status()).as("the link works once").isEqualTo(400);
        assertThat(again.json().path("code").asString()).isEqualTo("invalid_token");
    }

    /** The payload of the event at a global index, as the store reads it. */
    private Object payloadAt(long globalIndex) {
        try (var stream = eventStore.openStream(GapAwareTrackingToken.newInstance(globalIndex - 1, List.of()))) {
            return stream.nextAvailable().getPayload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anyAddressGetsTheSameAnswerAndAMailboxIsNotFloodedWithLinks() {
        var email = unique("flood") + "@example.net";
        assertThat(http.post("/api/v1/privacy/erase-address", Map.of("email", email))
                        .status())
                .isEqualTo(202);
        assertThat(http.post("/api/v1/privacy/erase-address", Map.of("email", email))
                        .status())
                .isEqualTo(202);
        var mails = TestSmtp.awaitMessages(email, 1);
        var first = TestSmtp.linkToken(mails.get(0), "/erase-address");
        assertThat(count(
                        "SELECT count(*) FROM address_erasure_requests WHERE address_hash = ?",
                        EmailAddresses.hash(email)))
                .isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient = ?", email))
                .as("within the quiet period a second request mails nothing")
                .isOne();

        var confirmed = http.post("/api/v1/privacy/erase-address/confirm", Map.of("token", first));
        assertThat(confirmed.status())
                .as("an address nothing is held about confirms all the same")
                .isEqualTo(204);
    }

    @Test
    void badRequestsChangeNothing() {
        for (var body : List.<Object>of(Map.of("email", "not an address"), Map.of(), "[]")) {
            var refused = http.post("/api/v1/privacy/erase-address", body);
            assertThat(refused.status()).as("%s", body).isEqualTo(400);
            assertThat(refused.json().path("code").asString()).isIn("validation_failed", "malformed_request");
        }
        for (var token : new String[] {"", "nope", "x".repeat(5000)}) {
            var refused = http.post("/api/v1/privacy/erase-address/confirm", Map.of("token", token));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("code").asString()).isEqualTo("invalid_token");
        }
        assertThat(http.post("/api/v1/privacy/erase-address/confirm", Map.of())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("invalid_token");
    }
}
