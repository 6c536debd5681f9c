package io.identity.command.privacy;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import io.identity.support.privacy.ProtectingSerializer;
import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErasureApiTest extends CommandSideTest {

    @Test
    void erasureDestroysThePersonalDataForGoodAndFreesTheNameAndAddress() {
        var name = unique("gone");
        var email = name + "@example.com";
        var userId = register(name).json().path("userId").asString();
        TestSmtp.awaitMessages(email, 1);
        var auth = bearer(login(name).json().path("access_token").asString());
        http.patch("/api/v1/users/me/profile", Map.of("phone", "+4930999888", "lastName", "Unique" + name), auth);
        http.patch("/api/v1/users/me/profile", Map.of("bio", "Enough events for a snapshot"), auth);
        assertThat(Eventually.within(
                        Duration.ofSeconds(10),
                        () -> jdbc.queryForObject(
                                        "SELECT count(*) FROM " + "snapshot_event_entry WHERE aggregate_identifier = ?",
                                        Long.class,
                                        userId)
                                > 0))
                .as("a snapshot holds the profile as the aggregate does")
                .isTrue();

        var wrong = http.post("/api/v1/users/me/erase", Map.of("currentPassword", "not my password"), auth);
        assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");
        var erased = http.post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), auth);
        assertThat(erased.status()).isEqualTo(204);
        assertThat(erased.header("X-Event-Position")).isNotNull();

        assertThat(login(name).status()).isEqualTo(401);
        assertThat(jdbc.queryForList(
                        "SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry "
                                + "WHERE aggregate_identifier = ?",
                        String.class,
                        userId))
                .as("no snapshot keeps what the events no longer tell")
                .allSatisfy(
                        snapshot -> assertThat(snapshot).doesNotContain(email).doesNotContain("+4930999888"));
        for (var secret : new String[] {email, name, "+4930999888", "Unique" + name, "127.0.0.1"}) {
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                                    + "position(? in convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8')) > 0",
                            Long.class,
                            userId,
                            secret))
                    .as("no trace of %s in the stored events", secret)
                    .isZero();
        }
        var registered = (UserRegistered) storedEvents(userId).get(0).getPayload();
        assertThat(registered.email()).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(registered.username()).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(registered.passwordHash()).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(lastEvent(userId, ProfileUpdated.class).changed()).isEmpty();
        assertThat(storedEvents(userId).get(0).getMetaData().get("ip")).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(lastEvent(userId, UserErased.class)).isNotNull();

        for (var table : new String[] {
            "accounts",
            "email_verification_tokens",
            "password_reset_tokens",
            "security_questions",
            "refresh_tokens",
            "mail_outbox"
        }) {
            var column = "mail_outbox".equals(table) ? "subject_id" : "user_id";
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM " + table + " WHERE " + column + " = ?::uuid", Long.class, userId))
                    .as("%s keeps nothing of them", table)
                    .isZero();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", Long.class, userId))
                .isZero();

        var again = register(name);
        assertThat(again.status())
                .as("the username and the address are free again")
                .isEqualTo(201);
        assertThat(again.json().path("userId").asString()).isNotEqualTo(userId);
    }

    /**
     * A mail to someone else that names the person goes with them: the inviter's notice that their invitation
     * was accepted names the invitee, and the invitation mail itself went to the invitee's address.
     */
    @Test
    void theMailsThatNameThePersonGoWithThem() {
        var owner = unique("inviter");
        var companyId = http.post("/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, "Co " + owner))
                .json()
                .path("companyId")
                .asString();
        var ownerAuth = bearer(login(owner).json().path("access_token").asString());
        var invitee = unique("invitee");
        var email = invitee + "@example.org";
        var invitationId = http.post(
                        "/api/v1/companies/" + companyId + "/invitations", Map.of("email", email), ownerAuth)
                .json()
                .path("invitationId")
                .asString();
        var text = TestSmtp.part(TestSmtp.awaitMessages(email, 1).get(0), "text/plain");
        var link = Pattern.compile("/invitations/([A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).isTrue();
        var joined = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", link.group(1), "username", invitee, "password", PASSWORD, "displayName", "Invitee"));
        assertThat(joined.status()).isEqualTo(201);
        var inviteeId = joined.json().path("userId").asString();
        var naming = "SELECT count(*) FROM mail_outbox WHERE subject_id IN (?::uuid, ?::uuid) "
                + "OR mentions && ARRAY[?::uuid, ?::uuid]";
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE template = 'invitation-accepted' "
                                + "AND mentions @> ARRAY[?::uuid]",
                        Long.class,
                        inviteeId))
                .as("the inviter's notice")
                .isEqualTo(1);

        var erased = http.post(
                "/api/v1/users/me/erase",
                Map.of("currentPassword", PASSWORD),
                bearer(login(invitee).json().path("access_token").asString()));
        assertThat(erased.status()).isEqualTo(204);
        assertThat(jdbc.queryForObject(naming, Long.class, inviteeId, invitationId, inviteeId, invitationId))
                .as("no mail about or naming them")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE position(? in recipient || model::text) > 0",
                        Long.class,
                        invitee))
                .as("their name and address are in no mail")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE recipient = ?", Long.class, owner + "@example.com"))
                .as("the inviter's own mails stay")
                .isPositive();
    }

    /**
     * The invitations sent to the address the person verified are theirs too, answered or not: shredded with them,
     * and named in their {@code UserErased} for the read models and the stream's consumers.
     */
    @Test
    void theInvitationsToTheirVerifiedAddressAreShreddedWithThem() {
        var name = unique("invited");
        var email = name + "@example.com";
        var userId = register(name).json().path("userId").asString();
        var token = TestSmtp.verificationToken(TestSmtp.awaitMessages(email, 1).get(0));
        assertThat(http.post("/api/v1/email-verification", Map.of("token", token))
                        .status())
                .isEqualTo(204);
        var owner = unique("company");
        var companyId = http.post("/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, "Co " + owner))
                .json()
                .path("companyId")
                .asString();
        var invitationId = http.post(
                        "/api/v1/companies/" + companyId + "/invitations",
                        Map.of("email", email.toUpperCase()),
                        bearer(login(owner).json().path("access_token").asString()))
                .json()
                .path("invitationId")
                .asString();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", Long.class, invitationId))
                .isEqualTo(1);

        var erased = http.post(
                "/api/v1/users/me/erase",
                Map.of("currentPassword", PASSWORD),
                bearer(login(name).json().path("access_token").asString()));
        assertThat(erased.status()).isEqualTo(204);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", Long.class, invitationId))
                .as("the invitation's key")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE subject_id = ?::uuid OR "
                                + "position(? in lower(recipient)) > 0",
                        Long.class,
                        invitationId,
                        name))
                .as("its mail")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT address_hash FROM invitation_index WHERE invitation_id = ?::uuid",
                        String.class,
                        invitationId))
                .isNull();
        assertThat(lastEvent(userId, UserErased.class).invitationIds()).containsExactly(UUID.fromString(invitationId));
    }

    @Test
    void theOnlyOwnerOfACompanyCannotBeErased() {
        var name = unique("owner");
        http.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Mine"));
        var auth = bearer(login(name).json().path("access_token").asString());
        var refused = http.post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), auth);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("last_owner");
        assertThat(login(name).status()).isEqualTo(200);
    }

    @Test
    void anOperatorErasesAnAccountOnRequestAndNobodyElseMay() {
        operator();
        var operator = bearer(login(OPERATOR).json().path("access_token").asString());
        var name = unique("req");
        var userId = register(name).json().path("userId").asString();
        var bystander = unique("by");
        register(bystander);
        var notOperator = bearer(login(bystander).json().path("access_token").asString());

        assertThat(http.post("/api/v1/admin/users/" + userId + "/erase", "", notOperator)
                        .status())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/admin/users/" + UUID.randomUUID() + "/erase", "", operator)
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/admin/users/" + userId + "/erase", "", operator)
                        .status())
                .isEqualTo(204);
        assertThat(login(name).status()).isEqualTo(401);
        assertThat(((UserRegistered) storedEvents(userId).get(0).getPayload()).email())
                .isEqualTo(ProtectingSerializer.ERASED);
    }
}
