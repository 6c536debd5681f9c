package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.auth.SigningKeys;
import io.identity.support.test.Eventually;
import io.identity.support.test.ForgedTokens;
import io.identity.support.test.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A user's journey through both sides over HTTP, as a client would make it. */
class EndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    private Http command;
    private Http query;
    private RunningSystem system;

    @BeforeEach
    void system() {
        system = RunningSystem.get();
        command = system.command;
        query = system.query;
    }

    private record Account(
            String userId, String companyId, String username, String token, String sessionId, String position) {
        String[] auth() {
            return bearer(token);
        }

        String[] authAt(String minPosition) {
            return new String[] {"Authorization", "Bearer " + token, "X-Min-Position", minPosition};
        }
    }

    private Account signUp(boolean withCompany) {
        var username = "u" + UUID.randomUUID().toString().substring(0, 8);
        var body = new HashMap<String, Object>(Map.of(
                "username",
                username,
                "email",
                username + "@example.com",
                "password",
                PASSWORD,
                "displayName",
                "Name " + username));
        if (withCompany) {
            body.put("company", Map.of("name", "Company of " + username));
        }
        var registered = command.post("/api/v1/registrations", body);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return signIn(
                username,
                registered.json().path("userId").asString(),
                registered.json().path("companyId").asString());
    }

    private Account signIn(String username, String userId, String companyId) {
        var login = command.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        return new Account(
                userId,
                companyId,
                username,
                login.json().path("access_token").asString(),
                login.json().path("session_id").asString(),
                login.header("X-Event-Position"));
    }

    @Test
    void aNewUserSeesThemselvesAndTheirCompanyAtOnce() {
        var ada = signUp(true);
        var me = query.get("/api/v1/users/me", ada.authAt(ada.position()));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        var json = me.json();
        assertThat(json.path("userId").asString()).isEqualTo(ada.userId());
        assertThat(json.path("username").asString()).isEqualTo(ada.username());
        assertThat(json.path("email").asString()).isEqualTo(ada.username() + "@example.com");
        assertThat(json.path("emailVerified").asBoolean()).isFalse();
        assertThat(json.path("displayName").asString()).isEqualTo("Name " + ada.username());
        assertThat(json.path("privacy").path("profileVisibility").asString()).isEqualTo("PUBLIC");
        assertThat(json.path("settings").path("emailNotifications").has("product"))
                .isTrue();
        assertThat(json.path("createdAt").asString()).endsWith("Z");
        assertThat(json.path("companies").get(0).path("companyId").asString()).isEqualTo(ada.companyId());
        assertThat(json.path("companies").get(0).path("role").asString()).isEqualTo("OWNER");
        assertThat(me.body()).doesNotContain("password").doesNotContain("$2a$");

        var company =
                query.get("/api/v1/companies/" + ada.companyId(), ada.auth()).json();
        assertThat(company.path("name").asString()).isEqualTo("Company of " + ada.username());
        assertThat(company.path("memberCount").asLong()).isEqualTo(1);
        assertThat(company.path("settings").path("invitationExpiryDays").asInt())
                .isEqualTo(7);
        assertThat(company.path("settings").path("defaultInvitationRole").asString())
                .isEqualTo("MEMBER");

        var members = query.get("/api/v1/companies/" + ada.companyId() + "/members", ada.auth())
                .json();
        assertThat(members.path("items").get(0).path("email").asString()).isEqualTo(ada.username() + "@example.com");
        assertThat(members.path("nextCursor").isNull()).isTrue();

        var mine = query.get("/api/v1/users/me/companies", ada.auth()).json().path("items");
        assertThat(mine.get(0).path("role").asString()).isEqualTo("OWNER");
        assertThat(mine.get(0).path("joinedAt").asString()).isNotBlank();
    }

    @Test
    void followingTheLinkInTheVerificationMailShowsTheAddressAsVerified() throws Exception {
        var ada = signUp(false);
        var address = ada.username() + "@example.com";
        var verification = "Confirm your email address";
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> Mails.to(system.mail, address, verification).size() == 1))
                .isTrue();
        var link = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]+)")
                .matcher(Mails.text(Mails.to(system.mail, address, verification).get(0)));
        assertThat(link.find()).isTrue();
        assertThat(query.get("/api/v1/users/me", ada.authAt(ada.position()))
                        .json()
                        .path("emailVerified")
                        .asBoolean())
                .isFalse();

        var verified = command.post("/api/v1/email-verification", Map.of("token", link.group(1)));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        var me = query.get("/api/v1/users/me", ada.authAt(verified.header("X-Event-Position")));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void othersSeeOnlyWhatPrivacyAllowsAndNothingOfForeignCompanies() {
        var ada = signUp(true);
        var bob = signUp(false);
        var adaSeenByBob = query.get("/api/v1/users/" + ada.userId(), bob.authAt(ada.position()));
        assertThat(adaSeenByBob.status()).isEqualTo(200);
        assertThat(adaSeenByBob.json().path("username").asString()).isEqualTo(ada.username());
        assertThat(adaSeenByBob.json().has("email")).isFalse();
        assertThat(adaSeenByBob.json().has("phone")).isFalse();
        assertThat(query.get("/api/v1/users/" + ada.userId(), ada.auth())
                        .json()
                        .path("email")
                        .asString())
                .isEqualTo(ada.username() + "@example.com");

        assertThat(query.get("/api/v1/companies/" + ada.companyId(), bob.auth()).status())
                .isEqualTo(404);
        assertThat(query.get("/api/v1/companies/" + ada.companyId() + "/members", bob.auth())
                        .status())
                .isEqualTo(404);
        assertThat(query.get("/api/v1/users/" + UUID.randomUUID(), bob.auth()).status())
                .isEqualTo(404);
        assertThat(query.get("/api/v1/users/not-a-uuid", bob.auth())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("not_found");
    }

    @Test
    void anEndedSessionIsRefusedByTheQuerySideWithinTwoSeconds() {
        var ada = signUp(false);
        assertThat(query.get("/api/v1/users/me", ada.authAt(ada.position())).status())
                .isEqualTo(200);
        assertThat(command.post("/api/v1/auth/logout", "", ada.auth()).status()).isEqualTo(204);
        var ended = System.nanoTime();
        assertThat(Eventually.within(
                        Duration.ofSeconds(2),
                        () -> query.get("/api/v1/users/me", ada.auth()).status() == 401))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(Duration.ofSeconds(2));
        var refused = query.get("/api/v1/users/me", ada.auth());
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(refused.json().path("code").asString()).isEqualTo("unauthenticated");
    }

    /** The token check reads session ends from the event store: a lagging sessions read model does not delay them. */
    @Test
    void anEndedSessionIsRefusedWithinTwoSecondsWhileTheSessionsProjectionStands() {
        var ada = signUp(false);
        var other = signIn(ada.username(), ada.userId(), ada.companyId());
        assertThat(query.get("/api/v1/users/me", ada.authAt(other.position())).status())
                .isEqualTo(200);
        var sessions = system.queryContext
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor("sessions")
                .orElseThrow();
        sessions.shutDown();
        try {
            assertThat(command.post("/api/v1/auth/logout", "", ada.auth()).status())
                    .isEqualTo(204);
            var ended = System.nanoTime();
            assertThat(Eventually.within(
                            Duration.ofSeconds(2),
                            () -> query.get("/api/v1/users/me", ada.auth()).status() == 401))
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(Duration.ofSeconds(2));
            assertThat(query.get("/api/v1/users/me", other.auth()).status())
                    .as("a session still live")
                    .isEqualTo(200);
        } finally {
            sessions.start();
        }
    }

    @Test
    void sessionsListShowsLiveSessionsAndWhichIsCurrent() {
        var ada = signUp(false);
        var phone = signIn(ada.username(), ada.userId(), null);
        var sessions = query.get("/api/v1/users/me/sessions", ada.authAt(phone.position()))
                .json()
                .path("items");
        assertThat(sessions.size()).isEqualTo(2);
        for (var session : sessions) {
            var current = session.path("sessionId").asString().equals(ada.sessionId());
            assertThat(session.path("current").asBoolean()).isEqualTo(current);
            assertThat(session.path("ip").asString()).isEqualTo("127.0.0.1");
            assertThat(session.path("method").asString()).isEqualTo("PASSWORD");
            assertThat(session.path("lastUsedAt").asString()).isNotBlank();
        }
        var revoked = command.delete("/api/v1/sessions/" + phone.sessionId(), ada.auth());
        assertThat(revoked.status()).isEqualTo(204);
        var after = query.get("/api/v1/users/me/sessions", ada.authAt(revoked.header("X-Event-Position")));
        assertThat(after.json().path("items").size()).isEqualTo(1);
        assertThat(after.json().path("items").get(0).path("sessionId").asString())
                .isEqualTo(ada.sessionId());
    }

    @Test
    void keysetPagingWalksEveryItemOnceInAStableOrder() {
        var ada = signUp(true);
        String position = null;
        for (int i = 0; i < 4; i++) {
            var created = command.post("/api/v1/companies", Map.of("name", "Extra " + i), ada.auth());
            assertThat(created.status()).isEqualTo(201);
            position = created.header("X-Event-Position");
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = query.get(
                            "/api/v1/users/me/companies?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                            ada.authAt(position))
                    .json();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
            page.path("items").forEach(item -> seen.add(item.path("companyId").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().startsWith(ada.companyId());

        assertThat(code(query.get("/api/v1/users/me/companies?limit=0", ada.auth())))
                .isEqualTo("validation_failed");
        assertThat(code(query.get("/api/v1/users/me/companies?limit=201", ada.auth())))
                .isEqualTo("validation_failed");
        assertThat(code(query.get("/api/v1/users/me/companies?limit=x", ada.auth())))
                .isEqualTo("validation_failed");
        assertThat(code(query.get("/api/v1/users/me/companies?cursor=%25%25", ada.auth())))
                .isEqualTo("validation_failed");
        assertThat(code(query.get("/api/v1/users/me/companies?cursor=bm9wZQ", ada.auth())))
                .isEqualTo("validation_failed");
    }

    @Test
    void membersCanBeFilteredByPrefixAndRole() {
        var ada = signUp(true);
        var path = "/api/v1/companies/" + ada.companyId() + "/members";
        var prefix = ada.username().substring(0, 4).toUpperCase();
        assertThat(query.get(path + "?q=" + prefix, ada.authAt(ada.position()))
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);
        assertThat(query.get(path + "?q=name%20" + ada.username(), ada.auth())
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);
        assertThat(query.get(path + "?q=zzz", ada.auth()).json().path("items").size())
                .isZero();
        assertThat(query.get(path + "?role=OWNER", ada.auth())
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);
        assertThat(query.get(path + "?role=MEMBER", ada.auth())
                        .json()
                        .path("items")
                        .size())
                .isZero();
        assertThat(code(query.get(path + "?role=BOSS", ada.auth()))).isEqualTo("validation_failed");
        assertThat(query.get(path + "?q=%25", ada.auth()).json().path("items").size())
                .as("% is literal")
                .isZero();
    }

    @Test
    void readYourWritesWaitsThenSaysWhenTheReadSideLags() {
        var ada = signUp(false);
        var malformed = query.get("/api/v1/users/me", ada.authAt("soon"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(code(malformed)).isEqualTo("malformed_request");

        var users = system.queryContext
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor("users")
                .orElseThrow();
        users.shutDown();
        try {
            var changed = command.patch("/api/v1/users/me/profile", Map.of("bio", "Lagging behind"), ada.auth());
            assertThat(changed.status()).isEqualTo(204);
            var lagging = query.get("/api/v1/users/me", ada.authAt(changed.header("X-Event-Position")));
            assertThat(lagging.status()).isEqualTo(503);
            assertThat(code(lagging)).isEqualTo("projection_lagging");
            assertThat(lagging.header("Retry-After")).isEqualTo("1");
        } finally {
            users.start();
        }
    }

    /**
     * A wait holds a thread: only an authenticated request waits, and only for a position the store has reached.
     * Before, 300 anonymous requests asking for {@code Long.MAX_VALUE} held 300 threads for 5 s each.
     */
    @Test
    void onlyAnAuthenticatedRequestForAStoredPositionWaits() {
        var ada = signUp(false);
        var beyondHead = Long.toString(Long.parseLong(ada.position()) + 1_000_000);
        for (var position : List.of(beyondHead, Long.toString(Long.MAX_VALUE))) {
            var started = System.nanoTime();
            var refused = query.get("/api/v1/users/me", ada.authAt(position));
            assertThat(refused.status()).as(position).isEqualTo(400);
            assertThat(code(refused)).isEqualTo("malformed_request");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("answered without waiting")
                    .isLessThan(Duration.ofSeconds(3));
        }
        for (var path : List.of("/api/v1/users/me", "/api/v1/invitations/by-token/" + UUID.randomUUID())) {
            var started = System.nanoTime();
            var anonymous = query.get(path, "X-Min-Position", Long.toString(Long.MAX_VALUE));
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(code(anonymous)).isEqualTo("unauthenticated");
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("answered without waiting")
                    .isLessThan(Duration.ofSeconds(3));
        }
        var forged = query.get("/api/v1/users/me", "Authorization", "Bearer x.y.z", "X-Min-Position", ada.position());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(query.get("/api/v1/users/me", ada.authAt(ada.position())).status())
                .isEqualTo(200);
    }

    @Test
    void forgedTokensAreRefusedByTheQuerySide() throws Exception {
        var ada = signUp(false);
        var parts = ada.token().split("\\.");
        var key = system.commandContext.getBean(SigningKeys.class).signingKey();
        var forged = new LinkedHashMap<>(ForgedTokens.from(ada.token(), key));
        forged.put("signature reversed", parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse());
        forged.put("garbage", "x.y.z");
        forged.forEach((what, token) -> assertThat(
                        query.get("/api/v1/users/me", bearer(token)).status())
                .as(what)
                .isEqualTo(401));
        // at the sign-in's position: a read before the account is projected is rightly 503 projection_lagging
        assertThat(query.get(
                                "/api/v1/users/me",
                                "Authorization",
                                "Bearer " + ForgedTokens.resigned(ada.token(), key),
                                "X-Min-Position",
                                ada.position())
                        .status())
                .as("the same claims, properly signed")
                .isEqualTo(200);
        assertThat(query.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(query.get("/api/v1/users/me", "Authorization", "Basic YTpi").status())
                .isEqualTo(401);
    }

    @Test
    void bothSidesAnswerOperationsEndpointsAndProblemsForTheUnknown() {
        for (var side : new Http[] {command, query}) {
            assertThat(side.get("/actuator/health").json().path("status").asString())
                    .isEqualTo("UP");
            assertThat(side.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(side.get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(side.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
            assertThat(side.get("/v3/api-docs").json().path("paths").size()).isGreaterThan(0);
            assertThat(side.get("/swagger-ui.html").status()).isIn(200, 302);
            assertThat(code(side.get("/error"))).isEqualTo("not_found");
            var unknown = side.get("/api/v1/nothing-here");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(code(unknown)).isEqualTo("not_found");
        }
        var wrongMethod = command.get("/api/v1/registrations");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
    }

    private static String code(Http.Response response) {
        JsonNode json = response.json();
        return json.path("code").asString();
    }
}
