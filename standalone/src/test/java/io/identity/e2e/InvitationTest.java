package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An invitation's whole life through both sides, with real mail. */
class InvitationTest {

    private static final String PASSWORD = "correct horse battery";
    private final RunningSystem system = RunningSystem.get();

    private record User(String id, String token, String position) {
        String[] auth() {
            return bearer(token);
        }
    }

    private User signUp(String name, String email, boolean company) {
        var body = new HashMap<String, Object>(Map.of("username", name, "email", email, "password", PASSWORD));
        if (company) {
            body.put("company", Map.of("name", "Guild of " + name));
        }
        var id = system.command
                .post("/api/v1/registrations", body)
                .json()
                .path("userId")
                .asString();
        return signIn(name, id);
    }

    private User signIn(String name, String id) {
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        return new User(id, login.json().path("access_token").asString(), login.header("X-Event-Position"));
    }

    private List<String> links(String address, String path, int count) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(20), () -> linksIn(address, path).size() >= count))
                .isTrue();
        return linksIn(address, path);
    }

    /** The links to {@code path} in the mails to an address, in the order they came (other mails pass by). */
    private List<String> linksIn(String address, String path) {
        var links = new ArrayList<String>();
        var pattern = Pattern.compile("(http\\S*" + Pattern.quote(path) + "\\S+)");
        for (var mail : Mails.to(system.mail, address)) {
            try {
                var matcher = pattern.matcher(Mails.text(mail));
                if (matcher.find()) {
                    links.add(matcher.group(1));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return links;
    }

    private Http.Response read(String path, User viewer, String position) {
        return system.query.get(path, "Authorization", "Bearer " + viewer.token(), "X-Min-Position", position);
    }

    @Test
    void invitedByMailAcceptedByTheRightAddressOnlyOnceAndSeenOnBothSides() throws Exception {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var olga = signUp("olga" + suffix, "olga" + suffix + "@example.com", true);
        var companyId = read("/api/v1/users/me/companies", olga, olga.position())
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        var guestEmail = "guest" + suffix + "@example.org";
        var invited = system.command.post(
                "/api/v1/companies/" + companyId + "/invitations", Map.of("email", guestEmail), olga.auth());
        assertThat(invited.status()).isEqualTo(201);
        var link = links(guestEmail, "/invitations/", 1).get(0);
        var token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(invited.body()).as("the link goes to the mailbox only").doesNotContain(token);

        // only an authenticated request may wait for a position: the inviter's, here
        var landing = system.query.get(
                "/api/v1/invitations/by-token/" + token,
                "Authorization",
                olga.auth()[1],
                "X-Min-Position",
                invited.header("X-Event-Position"));
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.json().path("companyName").asString()).isEqualTo("Guild of olga" + suffix);
        assertThat(landing.json().path("email").asString()).isEqualTo(guestEmail);
        assertThat(landing.json().path("role").asString()).isEqualTo("MEMBER");
        assertThat(landing.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(landing.json().path("invitedBy").path("displayName").asString())
                .isEqualTo("olga" + suffix);
        assertThat(system.query
                        .get("/api/v1/invitations/by-token/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(Eventually.within(
                        Duration.ofSeconds(15),
                        () -> "SENT"
                                .equals(read("/api/v1/companies/" + companyId + "/invitations", olga, "0")
                                        .json()
                                        .path("items")
                                        .get(0)
                                        .path("deliveryStatus")
                                        .asString())))
                .as("the delivery is tracked apart from the status")
                .isTrue();

        var bob = signUp("bob" + suffix, "bob" + suffix + "@example.org", false);
        var mismatch = system.command.post("/api/v1/invitations/accept", Map.of("token", token), bob.auth());
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.json().path("code").asString()).isEqualTo("invitation_email_mismatch");

        var guest = signUp("guest" + suffix, guestEmail, false);
        var verifyLink = links(guestEmail, "/verify-email?token=", 1).get(0);
        assertThat(system.command
                        .post(
                                "/api/v1/email-verification",
                                Map.of("token", verifyLink.substring(verifyLink.indexOf("token=") + 6)))
                        .status())
                .isEqualTo(204);
        // the account's verified address counts, not the claim of a token minted before the verification
        var accepted = system.command.post("/api/v1/invitations/accept", Map.of("token", token), guest.auth());
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("companyId").asString()).isEqualTo(companyId);
        var again = system.command.post("/api/v1/invitations/accept", Map.of("token", token), guest.auth());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("invitation_not_pending");

        var members = read("/api/v1/companies/" + companyId + "/members", olga, accepted.header("X-Event-Position"));
        assertThat(members.json().path("items").toString()).contains(guest.id());
        var listed = read(
                        "/api/v1/companies/" + companyId + "/invitations?status=ACCEPTED",
                        olga,
                        accepted.header("X-Event-Position"))
                .json()
                .path("items");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("respondedAt").asString()).isNotBlank();
        assertThat(read("/api/v1/companies/" + companyId + "/invitations", guest, "0")
                        .status())
                .as("members do not see invitations")
                .isEqualTo(403);
        assertThat(read("/api/v1/companies/" + companyId + "/invitations", bob, "0")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void declinedWithTheLinkAloneAndTwoAcceptsAtOnceHaveOneWinner() throws Exception {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var olga = signUp("owner" + suffix, "owner" + suffix + "@example.com", true);
        var companyId = read("/api/v1/users/me/companies", olga, olga.position())
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        assertThat(system.command
                        .post(
                                "/api/v1/companies/" + companyId + "/invitations",
                                Map.of("email", "no" + suffix + "@example.org"),
                                olga.auth())
                        .status())
                .isEqualTo(201);
        var declineToken = Mails.invitationToken(system.mail, "no" + suffix + "@example.org");
        var declined = system.command.post("/api/v1/invitations/decline", Map.of("token", declineToken));
        assertThat(declined.status()).isEqualTo(204);
        assertThat(system.query
                        .get(
                                "/api/v1/invitations/by-token/" + declineToken,
                                "Authorization",
                                olga.auth()[1],
                                "X-Min-Position",
                                declined.header("X-Event-Position"))
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("DECLINED");

        var email = "twice" + suffix + "@example.org";
        assertThat(system.command
                        .post("/api/v1/companies/" + companyId + "/invitations", Map.of("email", email), olga.auth())
                        .status())
                .isEqualTo(201);
        var token = Mails.invitationToken(system.mail, email);
        var twice = signUp("twice" + suffix, email, false);
        var verifyLink = links(email, "/verify-email?token=", 1).get(0);
        system.command.post(
                "/api/v1/email-verification", Map.of("token", verifyLink.substring(verifyLink.indexOf("token=") + 6)));
        var pool = Executors.newFixedThreadPool(2);
        try {
            var tasks = List.<Callable<Integer>>of(
                    () -> system.command
                            .post("/api/v1/invitations/accept", Map.of("token", token), twice.auth())
                            .status(),
                    () -> system.command
                            .post("/api/v1/invitations/accept", Map.of("token", token), twice.auth())
                            .status());
            var statuses = new ArrayList<Integer>();
            for (var future : pool.invokeAll(tasks)) {
                statuses.add(future.get());
            }
            assertThat(statuses).containsOnlyOnce(200);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The inviter cannot make the invitee's account: neither answer (invite, resend) nor the invitations they may
     * read hold the link, so without the mailbox no accept-new succeeds and no verified address is minted.
     */
    @Test
    void theInviterCannotAcceptInTheInviteesNameWithoutTheMailedLink() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var owner = signUp("inviter" + suffix, "inviter" + suffix + "@example.com", true);
        var companyId = read("/api/v1/users/me/companies", owner, owner.position())
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        var victim = "victim" + suffix + "@corp.example";
        var invited = system.command.post(
                "/api/v1/companies/" + companyId + "/invitations", Map.of("email", victim), owner.auth());
        assertThat(invited.status()).isEqualTo(201);
        var resent = system.command.post(
                "/api/v1/invitations/" + invited.json().path("invitationId").asString() + "/resend", "", owner.auth());
        assertThat(resent.status()).isEqualTo(200);
        var listed = read("/api/v1/companies/" + companyId + "/invitations", owner, resent.header("X-Event-Position"));
        assertThat(listed.status()).isEqualTo(200);

        // everything the inviter saw, tried as the link's token
        var candidates = new ArrayList<String>();
        for (var body : List.of(invited.body(), resent.body(), listed.body())) {
            var words = Pattern.compile("[A-Za-z0-9_-]{20,}").matcher(body);
            while (words.find()) {
                candidates.add(words.group());
            }
        }
        assertThat(candidates).as("the invitation id at least").isNotEmpty();
        for (var candidate : candidates) {
            var taken = system.command.post(
                    "/api/v1/invitations/accept-new",
                    Map.of("token", candidate, "username", "taken" + suffix, "password", PASSWORD));
            assertThat(taken.status()).as("accept-new with %s", candidate).isEqualTo(404);
        }
        var mailed = Mails.invitationTokens(system.mail, victim, 2);
        for (var token : mailed) {
            assertThat(invited.body() + resent.body() + listed.body()).doesNotContain(token);
        }
        assertThat(read("/api/v1/companies/" + companyId + "/invitations?status=PENDING", owner, "0")
                        .json()
                        .path("items")
                        .size())
                .as("still pending: nobody accepted")
                .isEqualTo(1);

        // the mailbox's owner, and only with the newest mailed link, makes the account
        var joined = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", mailed.get(mailed.size() - 1), "username", "victim" + suffix, "password", PASSWORD));
        assertThat(joined.status()).isEqualTo(201);
    }
}
