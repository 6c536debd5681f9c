package io.identity.command.mfa;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.support.test.Http;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys over HTTP (§13): added behind the current password, the second factor after a password, a sign-in
 * without one, each challenge once, the counter only forwards, wrong answers in the account's throttle, removal;
 * the authenticator in software ({@link SoftAuthenticator}).
 */
class PasskeyApiTest extends CommandSideTest {

    private record Enrolled(String username, String userId, String access, SoftAuthenticator passkey) {}

    private Enrolled enrolled() throws Exception {
        var username = unique("pk");
        var userId = register(username).json().path("userId").asString();
        var access = login(username).json().path("access_token").asString();
        var passkey = new SoftAuthenticator();
        assertThat(options(access, "wrong").status()).isEqualTo(400);
        var options = options(access, PASSWORD);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.header("Cache-Control")).contains("no-store");
        var json = options.json();
        assertThat(json.path("rp").path("id").asString()).isEqualTo("localhost");
        assertThat(json.path("user").path("name").asString()).isEqualTo(username);
        assertThat(Base64.getUrlDecoder().decode(json.path("user").path("id").asString()))
                .isEqualTo(RelyingParty.handleOf(UUID.fromString(userId)));
        assertThat(json.path("authenticatorSelection").path("residentKey").asString())
                .isEqualTo("preferred");
        assertThat(json.path("authenticatorSelection").path("userVerification").asString())
                .isEqualTo("preferred");
        assertThat(json.path("excludeCredentials").size()).isZero();
        assertThat(json.path("pubKeyCredParams").toString()).contains("-7");

        var response = passkey.register(json);
        assertThat(add(access, " ", response).json().path("code").asString()).isEqualTo("validation_failed");
        var added = add(access, "Laptop", response);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("credentialId").asString()).isEqualTo(passkey.id());
        assertThat(added.header("X-Event-Position")).isNotNull();
        var again = add(access, "Laptop", response);
        assertThat(again.status()).as("the challenge is spent").isEqualTo(400);
        assertThat(again.json().path("code").asString()).isEqualTo("invalid_credentials");
        return new Enrolled(username, userId, access, passkey);
    }

    private Http.Response options(String access, String password) {
        return http.post(
                "/api/v1/users/me/mfa/webauthn/registration-options",
                Map.of("currentPassword", password),
                bearer(access));
    }

    private Http.Response add(String access, String name, JsonNode credential) {
        return http.post(
                "/api/v1/users/me/mfa/webauthn", Map.of("name", name, "credential", credential), bearer(access));
    }

    private String mfaToken(String username) {
        var answer = http.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.json().path("factors").toString()).contains("webauthn");
        return answer.json().path("mfaToken").asString();
    }

    private JsonNode secondFactorOptions(String mfaToken) {
        var options = http.post("/api/v1/auth/mfa/webauthn-options", Map.of("mfaToken", mfaToken));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json();
    }

    private static JsonNode claims(Http.Response tokens) {
        return Http.JSON.readTree(Base64.getUrlDecoder()
                .decode(tokens.json().path("access_token").asString().split("\\.")[1]));
    }

    @Test
    void aPasskeyAddedBehindThePasswordIsTheSecondFactorAfterIt() throws Exception {
        var ada = enrolled();
        var mfaToken = mfaToken(ada.username());
        var options = secondFactorOptions(mfaToken);
        assertThat(options.path("rpId").asString()).isEqualTo("localhost");
        assertThat(options.path("allowCredentials").toString())
                .contains(ada.passkey().id());
        var signedIn = http.post(
                "/api/v1/auth/mfa",
                Map.of("mfaToken", mfaToken, "webauthn", ada.passkey().assertion(options, null)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.header("Cache-Control")).contains("no-store");
        assertThat(claims(signedIn).path("amr").toString()).contains("pwd", "hwk", "mfa");

        // the factors' events name the passkey, never its key; a mail says one was added
        var events = jdbc.queryForList(
                        "SELECT payload_type || ' ' || convert_from(payload, 'UTF8') FROM domain_event_entry "
                                + "WHERE aggregate_identifier = ?",
                        String.class,
                        SecondFactors.idOf(UUID.fromString(ada.userId())).toString())
                .toString();
        assertThat(events)
                .contains(
                        "PasskeyRegistered",
                        "SecondFactorUsed",
                        "WEBAUTHN",
                        ada.passkey().id())
                .doesNotContain("attestation", "publicKey");
        assertThat(jdbc.queryForList(
                        "SELECT template FROM mail_outbox WHERE subject_id = ?::uuid", String.class, ada.userId()))
                .contains(SecondFactorNotice.TEMPLATE);

        // a new passkey's options leave out the one there is
        assertThat(options(ada.access(), PASSWORD)
                        .json()
                        .path("excludeCredentials")
                        .toString())
                .contains(ada.passkey().id());
        // recovery codes may be had beside a passkey alone
        assertThat(http.post(
                                "/api/v1/users/me/mfa/recovery-codes",
                                Map.of("currentPassword", PASSWORD),
                                bearer(ada.access()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/auth/login", Map.of("login", ada.username(), "password", PASSWORD))
                        .json()
                        .path("factors")
                        .toString())
                .contains("webauthn", "recovery_code");
    }

    @Test
    void withoutAPasswordAPasskeySignsInOncePerChallengeAndItsCounterOnlyRises() throws Exception {
        var ada = enrolled();
        ada.passkey().backupEligible = false;
        var options = http.post("/api/v1/auth/webauthn/options", Map.of());
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        var challengeId = options.json().path("challengeId").asString();
        assertThat(challengeId).isNotBlank();
        assertThat(options.json().path("allowCredentials").size()).isZero();
        assertThat(options.json().path("userVerification").asString()).isEqualTo("required");
        var handle = RelyingParty.handleOf(UUID.fromString(ada.userId()));
        var signedIn = http.post(
                "/api/v1/auth/webauthn",
                Map.of("challengeId", challengeId, "credential", ada.passkey().assertion(options.json(), handle)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        var amr = claims(signedIn).path("amr").toString();
        assertThat(amr).contains("hwk", "user").doesNotContain("pwd");
        assertThat(claims(signedIn).path("sub").asString()).isEqualTo(ada.userId());

        var replay = http.post(
                "/api/v1/auth/webauthn",
                Map.of("challengeId", challengeId, "credential", ada.passkey().assertion(options.json(), handle)));
        assertThat(replay.status()).as("a challenge works once").isEqualTo(401);

        var fresh = http.post("/api/v1/auth/webauthn/options", Map.of()).json();
        var backwards = http.post(
                "/api/v1/auth/webauthn",
                Map.of(
                        "challengeId",
                        fresh.path("challengeId").asString(),
                        "credential",
                        ada.passkey().assertionAt(fresh, handle, ada.passkey().counter - 1)));
        assertThat(backwards.status()).as("a counter that went back").isEqualTo(400);
        assertThat(backwards.json().path("code").asString()).isEqualTo("invalid_credentials");

        var elsewhere = http.post("/api/v1/auth/webauthn/options", Map.of()).json();
        ada.passkey().origin = "https://phishing.example";
        assertThat(http.post(
                                "/api/v1/auth/webauthn",
                                Map.of(
                                        "challengeId",
                                        elsewhere.path("challengeId").asString(),
                                        "credential",
                                        ada.passkey().assertion(elsewhere, handle)))
                        .status())
                .as("another site's answer")
                .isEqualTo(400);

        var stranger = new SoftAuthenticator();
        var unknown = http.post("/api/v1/auth/webauthn/options", Map.of()).json();
        assertThat(http.post(
                                "/api/v1/auth/webauthn",
                                Map.of(
                                        "challengeId",
                                        unknown.path("challengeId").asString(),
                                        "credential",
                                        stranger.assertion(unknown, handle)))
                        .status())
                .isEqualTo(400);
        assertThat(http.post("/api/v1/auth/webauthn", Map.of("challengeId", "nope", "credential", "x"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aSyncedPasskeyIsASoftwareKey() throws Exception {
        var username = unique("pk");
        register(username);
        var access = login(username).json().path("access_token").asString();
        var passkey = new SoftAuthenticator();
        passkey.backupEligible = true;
        assertThat(add(
                                access,
                                "Phone",
                                passkey.register(options(access, PASSWORD).json()))
                        .status())
                .isEqualTo(201);
        var mfaToken = mfaToken(username);
        var signedIn = http.post(
                "/api/v1/auth/mfa",
                Map.of("mfaToken", mfaToken, "webauthn", passkey.assertion(secondFactorOptions(mfaToken), null)));
        assertThat(claims(signedIn).path("amr").toString()).contains("swk").doesNotContain("hwk");
    }

    @Test
    void wrongAnswersCountInTheAccountsThrottle() throws Exception {
        var ada = enrolled();
        var mfaToken = mfaToken(ada.username());
        ada.passkey().origin = "https://phishing.example";
        for (var i = 0; i < 5; i++) {
            var wrong = http.post(
                    "/api/v1/auth/mfa",
                    Map.of(
                            "mfaToken",
                            mfaToken,
                            "webauthn",
                            ada.passkey().assertion(secondFactorOptions(mfaToken), null)));
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
            assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");
        }
        ada.passkey().origin = SoftAuthenticator.ORIGIN;
        var sixth = http.post(
                "/api/v1/auth/mfa",
                Map.of("mfaToken", mfaToken, "webauthn", ada.passkey().assertion(secondFactorOptions(mfaToken), null)));
        assertThat(sixth.status()).as("locked, even with the right passkey").isEqualTo(429);
    }

    @Test
    void aRemovedPasskeySignsNoOneIn() throws Exception {
        var ada = enrolled();
        var path = "/api/v1/users/me/mfa/webauthn/" + ada.passkey().id();
        assertThat(http.deleteWithBody(path, Map.of("currentPassword", "wrong"), bearer(ada.access()))
                        .status())
                .isEqualTo(400);
        assertThat(http.deleteWithBody(path, Map.of("currentPassword", PASSWORD), bearer(ada.access()))
                        .status())
                .isEqualTo(204);
        assertThat(http.deleteWithBody(path, Map.of("currentPassword", PASSWORD), bearer(ada.access()))
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/auth/login", Map.of("login", ada.username(), "password", PASSWORD))
                        .status())
                .as("no second factor any more")
                .isEqualTo(200);
        var options = http.post("/api/v1/auth/webauthn/options", Map.of()).json();
        assertThat(http.post(
                                "/api/v1/auth/webauthn",
                                Map.of(
                                        "challengeId",
                                        options.path("challengeId").asString(),
                                        "credential",
                                        ada.passkey()
                                                .assertion(
                                                        options, RelyingParty.handleOf(UUID.fromString(ada.userId())))))
                        .status())
                .isEqualTo(400);
        assertThat(jdbc.queryForList(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        SecondFactors.idOf(UUID.fromString(ada.userId())).toString()))
                .contains("io.identity.events.mfa.PasskeyRemoved");
    }

    @Test
    void erasureTakesThePasskeys() throws Exception {
        var ada = enrolled();
        assertThat(http.post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), bearer(ada.access()))
                        .status())
                .isLessThan(300);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mfa_passkeys WHERE user_id = ?::uuid", Integer.class, ada.userId()))
                .isZero();
    }
}
