package io.identity.command.invitation;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.support.test.Registrations;
import io.identity.support.test.TokenContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InvitationApiTest extends CommandSideTest {

    private record Owner(String companyId, String[] auth, String email) {}

    private Owner owner() {
        var name = unique("inv");
        var companyId = http.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Co " + name))
                .json()
                .path("companyId")
                .asString();
        return new Owner(
                companyId, bearer(login(name).json().path("access_token").asString()), name + "@example.com");
    }

    /** The token of the invitation link in the newest of {@code count} mails to the address. */
    private static String mailedToken(String email, int count) {
        var text = TestSmtp.part(TestSmtp.awaitMessages(email, count).get(count - 1), "text/plain");
        var link = Pattern.compile("http://localhost:8081/invitations/([A-Za-z0-9_-]+)")
                .matcher(text);
        assertThat(link.find()).as("the mail holds the link").isTrue();
        return link.group(1);
    }

    @Test
    void theLinkGoesOnlyToTheMailboxAndOnlyItsHashIsStored() throws Exception {
        var owner = owner();
        var email = unique("guest") + "@example.org";
        var created = http.post(
                "/api/v1/companies/" + owner.companyId() + "/invitations",
                Map.of("email", email, "role", "ADMIN"),
                owner.auth());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("X-Event-Position")).isNotNull();
        assertThat(created.json().path("expiresAt").asString()).endsWith("Z");
        assertThat(created.json().propertyNames())
                .as("no link in the answer")
                .containsExactlyInAnyOrder("invitationId", "expiresAt");
        var mail = TestSmtp.awaitMessages(email, 1).get(0);
        assertThat(mail.getSubject()).startsWith("You are invited to join Co ");
        var token = mailedToken(email, 1);
        assertThat(created.body()).as("the mailed token is in no answer").doesNotContain(token);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE position(? in "
                                + "convert_from(payload, 'UTF8')) > 0",
                        Long.class,
                        token))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE position(? in "
                                + "convert_from(payload, 'UTF8')) > 0",
                        Long.class,
                        email))
                .as("the address is encrypted")
                .isZero();

        var resent = http.post(
                "/api/v1/invitations/" + created.json().path("invitationId").asString() + "/resend", "", owner.auth());
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().propertyNames()).containsExactly("expiresAt");
        var newToken = mailedToken(email, 2);
        assertThat(newToken).isNotEqualTo(token);
        assertThat(resent.body()).doesNotContain(newToken).doesNotContain(token);

        for (var old : new String[] {"/api/v1/invitations/decline", "/api/v1/invitations/accept-new"}) {
            var refused = http.post(old, Map.of("token", token, "username", unique("old"), "password", PASSWORD));
            assertThat(refused.status()).as("the replaced link at " + old).isEqualTo(404);
            assertThat(refused.json().path("code").asString()).isEqualTo("not_found");
        }
        var joined = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", newToken, "username", unique("new"), "password", PASSWORD));
        assertThat(joined.status()).as("the new link").isEqualTo(201);
        assertThat(joined.json().path("companyId").asString()).isEqualTo(owner.companyId());
    }

    @Test
    void aSecondPendingInvitationMembersAndForeignDomainsAreRefused() {
        var owner = owner();
        var path = "/api/v1/companies/" + owner.companyId() + "/invitations";
        var email = unique("twice") + "@example.org";
        assertThat(http.post(path, Map.of("email", email), owner.auth()).status())
                .isEqualTo(201);
        var again = http.post(path, Map.of("email", email.toUpperCase()), owner.auth());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("invitation_pending");

        var ownEmail = jdbc.queryForObject(
                "SELECT a.email FROM accounts a JOIN company_members m "
                        + "ON m.user_id = a.user_id WHERE m.company_id = ?::uuid",
                String.class,
                owner.companyId());
        var member = http.post(path, Map.of("email", ownEmail), owner.auth());
        assertThat(member.status()).isEqualTo(409);
        assertThat(member.json().path("code").asString()).isEqualTo("already_member");

        http.patch(
                "/api/v1/companies/" + owner.companyId() + "/settings",
                Map.of("allowedEmailDomains", List.of("example.com")),
                owner.auth());
        var foreign = http.post(path, Map.of("email", unique("x") + "@elsewhere.org"), owner.auth());
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("errors").get(0).path("field").asString())
                .isEqualTo("email");
        assertThat(http.post(path, Map.of("email", "not-an-address"), owner.auth())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("validation_failed");
        assertThat(http.post(path, Map.of("email", unique("r") + "@example.com", "role", "KING"), owner.auth())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("validation_failed");
    }

    @Test
    void revokedInvitationsAreNoLongerPendingAndStrangersFindNothing() {
        var owner = owner();
        var stranger = owner();
        var created = http.post(
                        "/api/v1/companies/" + owner.companyId() + "/invitations",
                        Map.of("email", unique("rv") + "@example.org"),
                        owner.auth())
                .json();
        var id = created.path("invitationId").asString();
        assertThat(http.delete("/api/v1/invitations/" + id, stranger.auth()).status())
                .isEqualTo(404);
        assertThat(http.post(
                                "/api/v1/companies/" + owner.companyId() + "/invitations",
                                Map.of("email", "a@example.org"),
                                stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/invitations/" + id, owner.auth()).status())
                .isEqualTo(204);
        var twice = http.delete("/api/v1/invitations/" + id, owner.auth());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asString()).isEqualTo("invitation_not_pending");
        assertThat(http.post("/api/v1/invitations/" + id + "/resend", "", owner.auth())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("invitation_not_pending");
        assertThat(http.delete("/api/v1/invitations/" + UUID.randomUUID(), owner.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/invitations/nope", owner.auth()).status())
                .isEqualTo(404);
    }

    /** Invites a new address and reads the link's token from the mail the invitee received. */
    private String tokenOf(Owner owner, String email) {
        assertThat(http.post(
                                "/api/v1/companies/" + owner.companyId() + "/invitations",
                                Map.of("email", email),
                                owner.auth())
                        .status())
                .isEqualTo(201);
        return mailedToken(email, 1);
    }

    @Test
    void aNewcomerAcceptsWithANewAccountWhoseAddressTheLinkProved() throws Exception {
        var owner = owner();
        var email = unique("newbie") + "@example.org";
        var token = tokenOf(owner, email);
        var weak = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", token, "username", unique("nb"), "password", "password1"));
        assertThat(weak.json().path("code").asString()).isEqualTo("weak_password");
        var taken = http.post(
                "/api/v1/invitations/accept-new",
                Map.of(
                        "token",
                        token,
                        "username",
                        jdbc.queryForObject("SELECT username FROM accounts LIMIT 1", String.class),
                        "password",
                        PASSWORD));
        assertThat(taken.json().path("code").asString()).isEqualTo("username_taken");

        var name = unique("nb");
        var joined = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", token, "username", name, "password", PASSWORD, "displayName", "New Bie"));
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.json().path("companyId").asString()).isEqualTo(owner.companyId());
        var userId = joined.json().path("userId").asString();
        assertThat(jdbc.queryForObject(
                        "SELECT role FROM company_members WHERE user_id = ?::uuid", String.class, userId))
                .isEqualTo("MEMBER");
        var claims =
                TokenContents.claims(login(name).json().path("access_token").asString());
        assertThat(claims.get("email_verified", Boolean.class)).isTrue();
        assertThat(claims.get("email", String.class)).isEqualTo(email);
        TestSmtp.awaitMessages(email, 1);
        Thread.sleep(1000);
        assertThat(TestSmtp.messagesTo(email))
                .as("only the invitation: the link proved the address")
                .hasSize(1);

        var again = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", token, "username", unique("nb"), "password", PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("invitation_not_pending");
        assertThat(http.post(
                                "/api/v1/invitations/accept-new",
                                Map.of("token", "unknown", "username", unique("nb"), "password", PASSWORD))
                        .status())
                .isEqualTo(404);
    }

    @Autowired
    InvitationExpiry expiry;

    @Test
    void theExpiryJobClosesWhatRanOutOnceWhateverTheInstances() throws Exception {
        var owner = owner();
        var tokens = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            tokens.add(tokenOf(owner, unique("late") + "@example.org"));
        }
        var hashes = tokens.stream().map(OpaqueTokens::hashHex).toArray(String[]::new);
        jdbc.update(
                "UPDATE invitation_links SET expires_at = now() - interval '1 second' WHERE token_hash = ANY(?)",
                (Object) hashes);
        // four instances' jobs at the same moment, each in its own transaction
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var runs = new ArrayList<Future<?>>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    expiry.expire();
                    return null;
                }));
            }
            start.countDown();
            for (var run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        expiry.expire();
        var invitations = jdbc.queryForList(
                        "SELECT invitation_id::text FROM invitation_links WHERE token_hash = ANY(?)",
                        String.class,
                        (Object) hashes)
                .toArray(String[]::new);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY(?) "
                                + "AND payload_type = 'io.identity.events.invitation.InvitationExpired'",
                        Long.class,
                        (Object) invitations))
                .as("each invitation expired once")
                .isEqualTo(5);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                                + "AND payload_type = 'io.identity.events.company.InvitationClosed'",
                        Long.class,
                        owner.companyId()))
                .as("and closed once in its company")
                .isEqualTo(5);
        var decline = http.post("/api/v1/invitations/decline", Map.of("token", tokens.get(0)));
        assertThat(decline.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM invitation_links WHERE token_hash = ANY(?) AND ended",
                        Long.class,
                        (Object) hashes))
                .isEqualTo(5);
    }

    @Test
    void theInviterHearsOfAnswersUnlessTheyTurnedSuchMailOff() throws Exception {
        var owner = owner();
        var email = unique("ans") + "@example.org";
        var token = tokenOf(owner, email);
        assertThat(http.post("/api/v1/invitations/decline", Map.of("token", token))
                        .status())
                .isEqualTo(204);
        var notice = TestSmtp.awaitMessages(owner.email(), 2).get(1);
        assertThat(notice.getSubject()).startsWith("Your invitation to Co ").endsWith("was declined");
        assertThat(TestSmtp.part(notice, "text/plain")).contains(email);

        assertThat(http.patch(
                                "/api/v1/users/me/settings",
                                Map.of("emailNotifications", Map.of("companyActivity", false)),
                                owner.auth())
                        .status())
                .isEqualTo(204);
        var quiet = tokenOf(owner, unique("q") + "@example.org");
        assertThat(http.post("/api/v1/invitations/decline", Map.of("token", quiet))
                        .status())
                .isEqualTo(204);
        Thread.sleep(1000);
        assertThat(TestSmtp.messagesTo(owner.email())).hasSize(2);
    }

    /** The stored rows of an aggregate: type, sequence, event, and the transaction that wrote each. */
    private List<Map<String, Object>> rows(String aggregateId) {
        return jdbc.queryForList(
                "SELECT type, sequence_number, substring(payload_type from '[^.]+$') AS event, "
                        + "xmin::text AS tx FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                aggregateId);
    }

    @Test
    void anInvitationHasAStreamOfItsOwnAndEachChangeOfItAndItsCompanyIsOneTransaction() {
        var owner = owner();
        var email = unique("own") + "@example.org";
        var created = http.post(
                "/api/v1/companies/" + owner.companyId() + "/invitations", Map.of("email", email), owner.auth());
        assertThat(created.status()).isEqualTo(201);
        var invitationId = created.json().path("invitationId").asString();
        var invited = rows(invitationId);
        assertThat(invited)
                .extracting(row -> row.get("type") + " " + row.get("sequence_number") + " " + row.get("event"))
                .containsExactly("Invitation 0 MemberInvited");
        var opened = rows(owner.companyId()).stream()
                .filter(row -> row.get("event").equals("InvitationOpened"))
                .toList();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).get("tx"))
                .as("the company's record and the invitation: one transaction")
                .isEqualTo(invited.get(0).get("tx"));

        var joined = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", mailedToken(email, 1), "username", unique("own"), "password", PASSWORD));
        assertThat(joined.status()).isEqualTo(201);
        var accepted = rows(invitationId).get(1);
        assertThat(accepted.get("event")).isEqualTo("InvitationAccepted");
        var company = rows(owner.companyId());
        assertThat(company.subList(company.size() - 2, company.size()))
                .extracting(row -> row.get("event") + " " + row.get("tx"))
                .as("the membership and the company's record, in the acceptance's transaction")
                .containsExactly("MemberJoined " + accepted.get("tx"), "InvitationClosed " + accepted.get("tx"));
    }

    @Test
    void ofManyAcceptsOfOneLinkAtOnceExactlyOneJoins() throws Exception {
        var owner = owner();
        var email = unique("race") + "@example.org";
        var token = tokenOf(owner, email);
        var invitationId = jdbc.queryForObject(
                "SELECT invitation_id::text FROM invitation_links WHERE token_hash = ?",
                String.class,
                OpaqueTokens.hashHex(token));
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(6);
        var statuses = new ArrayList<Integer>();
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 6; i++) {
                var name = unique("racer");
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post(
                                    "/api/v1/invitations/accept-new",
                                    Map.of("token", token, "username", name, "password", PASSWORD))
                            .status();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(5);
        assertThat(rows(invitationId))
                .extracting(row -> row.get("event"))
                .containsExactly("MemberInvited", "InvitationAccepted");
        assertThat(rows(owner.companyId()))
                .extracting(row -> row.get("event"))
                .as("the owner, then one newcomer")
                .containsExactly(
                        "CompanyCreated", "MemberJoined", "InvitationOpened", "MemberJoined", "InvitationClosed");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM company_members WHERE company_id = ?::uuid",
                        Long.class,
                        owner.companyId()))
                .isEqualTo(2);
    }

    /** §7: a deleted company's pending invitations were revoked with it, so their links are no longer pending. */
    @Test
    void theLinkOfADeletedCompanysInvitationIsNoLongerPending() {
        var owner = owner();
        var email = unique("gone") + "@example.org";
        var token = tokenOf(owner, email);
        var invitationId = jdbc.queryForObject(
                "SELECT invitation_id::text FROM invitation_links WHERE token_hash = ?",
                String.class,
                OpaqueTokens.hashHex(token));
        assertThat(http.delete("/api/v1/companies/" + owner.companyId(), owner.auth())
                        .status())
                .isEqualTo(204);
        var revoked = lastEvent(invitationId, InvitationRevoked.class);
        assertThat(revoked.revokedBy().toString())
                .as("in the name of who deleted the company")
                .isEqualTo(jdbc.queryForObject(
                        "SELECT user_id::text FROM accounts WHERE email = ?", String.class, owner.email()));
        for (var path : new String[] {"/api/v1/invitations/accept-new", "/api/v1/invitations/decline"}) {
            var answer = http.post(path, Map.of("token", token, "username", unique("late"), "password", PASSWORD));
            assertThat(answer.status()).as(path).isEqualTo(409);
            assertThat(answer.json().path("code").asString()).isEqualTo("invitation_not_pending");
        }
        var member = owner();
        var accept = http.post("/api/v1/invitations/accept", Map.of("token", token), member.auth());
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.json().path("code").asString()).isEqualTo("invitation_not_pending");
    }

    /** An invitation past its time no longer counts, even before the expiry job closed it: it is closed first. */
    @Test
    void anInvitationWhoseTimeRanOutGivesWayToANewOne() {
        var owner = owner();
        var path = "/api/v1/companies/" + owner.companyId() + "/invitations";
        var email = unique("again") + "@example.org";
        var first = http.post(path, Map.of("email", email), owner.auth())
                .json()
                .path("invitationId")
                .asString();
        assertThat(http.post(path, Map.of("email", email), owner.auth()).status())
                .isEqualTo(409);
        jdbc.update(
                "UPDATE invitation_links SET expires_at = now() - interval '1 second' WHERE invitation_id = ?::uuid",
                first);
        var second = http.post(path, Map.of("email", email), owner.auth());
        assertThat(second.status()).isEqualTo(201);
        assertThat(rows(first))
                .extracting(row -> row.get("event"))
                .containsExactly("MemberInvited", "InvitationExpired");
        assertThat(http.post(path, Map.of("email", email), owner.auth()).status())
                .as("the new one counts")
                .isEqualTo(409);
    }
}
