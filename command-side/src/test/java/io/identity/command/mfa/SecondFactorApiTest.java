package io.identity.command.mfa;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.support.test.AuthenticatorApp;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Second factors over HTTP (§13): an authenticator app set up with its first code, a sign-in that asks for it,
 * recovery codes, replays refused, the throttle, removal; the codes computed here from the key the service gave,
 * by RFC 6238's algorithm written out (not the service's generator).
 */
class SecondFactorApiTest extends CommandSideTest {

    private record Enrolled(String username, String userId, String secret, List<String> recoveryCodes) {}

    private Enrolled enrolled() throws Exception {
        var username = unique("mfa");
        var userId = register(username).json().path("userId").asString();
        var access = login(username).json().path("access_token").asString();
        assertThat(http.post("/api/v1/users/me/mfa/totp", Map.of("currentPassword", "wrong"), bearer(access))
                        .status())
                .isEqualTo(400);
        var setup = http.post("/api/v1/users/me/mfa/totp", Map.of("currentPassword", PASSWORD), bearer(access));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        var secret = setup.json().path("secret").asString();
        assertThat(setup.json().path("otpauthUri").asString())
                .startsWith("otpauth://totp/Identity:" + username + "?secret=" + secret)
                .contains("algorithm=SHA1", "digits=6", "period=30");
        var wrong = http.post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", "000000"), bearer(access));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");
        var confirmed = http.post(
                "/api/v1/users/me/mfa/totp/confirm",
                Map.of("code", AuthenticatorApp.code(secret, Instant.now().minusSeconds(30))),
                bearer(access));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        var codes = confirmed.json().path("recoveryCodes").values().stream()
                .map(node -> node.asString())
                .toList();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        return new Enrolled(username, userId, secret, codes);
    }

    private Http.Response password(String username) {
        return http.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
    }

    private Http.Response mfa(String mfaToken, String field, String value) {
        return http.post("/api/v1/auth/mfa", Map.of("mfaToken", mfaToken, field, value));
    }

    @Test
    void aSignInAsksForTheAppsCodeWhichWorksOnceAndTheTokensSaySo() throws Exception {
        var ada = enrolled();
        var first = password(ada.username());
        assertThat(first.status()).as(first.body()).isEqualTo(403);
        assertThat(first.json().path("code").asString()).isEqualTo("mfa_required");
        assertThat(first.json().path("factors").toString()).contains("totp", "recovery_code");
        var mfaToken = first.json().path("mfaToken").asString();
        assertThat(mfaToken).isNotBlank();

        assertThat(mfa(mfaToken, "totp", "123456").json().path("code").asString())
                .isEqualTo("invalid_credentials");
        var code = AuthenticatorApp.code(ada.secret(), Instant.now());
        var signedIn = mfa(mfaToken, "totp", code);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        var claims = Http.JSON.readTree(Base64.getUrlDecoder()
                .decode(signedIn.json().path("access_token").asString().split("\\.")[1]));
        assertThat(claims.path("amr").toString()).contains("pwd", "otp", "mfa");
        assertThat(mfa(
                                mfaToken,
                                "totp",
                                AuthenticatorApp.code(
                                        ada.secret(), Instant.now().plusSeconds(30)))
                        .status())
                .as("the token is spent")
                .isEqualTo(401);

        var again = password(ada.username()).json().path("mfaToken").asString();
        assertThat(mfa(again, "totp", code).status()).as("a code works once").isEqualTo(400);

        // the refresh keeps how the session was signed in
        var refreshed = http.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", signedIn.json().path("refresh_token").asString()));
        var refreshedClaims = Http.JSON.readTree(Base64.getUrlDecoder()
                .decode(refreshed.json().path("access_token").asString().split("\\.")[1]));
        assertThat(refreshedClaims.path("amr").toString()).contains("mfa");

        // no secret in the store's events, nor in the mails
        var events = jdbc.queryForList(
                        "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type LIKE "
                                + "'io.identity.events.mfa.%'",
                        String.class)
                .toString();
        assertThat(events)
                .contains(ada.userId())
                .doesNotContain(ada.secret())
                .doesNotContain(ada.recoveryCodes().get(0));
        assertThat(jdbc.queryForList(
                        "SELECT template FROM mail_outbox WHERE subject_id = ?::uuid", String.class, ada.userId()))
                .contains(SecondFactorNotice.TEMPLATE);
        assertThat(jdbc.queryForList(
                                "SELECT model::text FROM mail_outbox WHERE subject_id = ?::uuid",
                                String.class,
                                ada.userId())
                        .toString())
                .doesNotContain(ada.secret());
    }

    @Test
    void aRecoveryCodeWorksOnceAndANewSetVoidsTheOld() throws Exception {
        var ada = enrolled();
        var recovery = ada.recoveryCodes().get(0);
        var signedIn = mfa(
                password(ada.username()).json().path("mfaToken").asString(), "recoveryCode", recovery.toUpperCase());
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(mfa(password(ada.username()).json().path("mfaToken").asString(), "recoveryCode", recovery)
                        .status())
                .isEqualTo(400);

        var access = signedIn.json().path("access_token").asString();
        var fresh =
                http.post("/api/v1/users/me/mfa/recovery-codes", Map.of("currentPassword", PASSWORD), bearer(access));
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(mfa(
                                password(ada.username()).json().path("mfaToken").asString(),
                                "recoveryCode",
                                ada.recoveryCodes().get(1))
                        .status())
                .as("the earlier set is void")
                .isEqualTo(400);
        assertThat(mfa(
                                password(ada.username()).json().path("mfaToken").asString(),
                                "recoveryCode",
                                fresh.json().path("recoveryCodes").get(0).asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wrongCodesCountInTheAccountsThrottle() throws Exception {
        var ada = enrolled();
        var mfaToken = password(ada.username()).json().path("mfaToken").asString();
        for (var i = 0; i < 5; i++) {
            assertThat(mfa(mfaToken, "totp", "000000").status()).isEqualTo(400);
        }
        var sixth = mfa(mfaToken, "totp", AuthenticatorApp.code(ada.secret(), Instant.now()));
        assertThat(sixth.status()).as("locked, even with the right code").isEqualTo(429);
        assertThat(sixth.header("Retry-After")).isNotNull();
    }

    @Test
    void thePasswordGrantAnswersMfaRequiredAndRemovingTheAppEndsIt() throws Exception {
        var ada = enrolled();
        var grant = http.form(
                "/oauth2/token",
                "grant_type=password&username=" + ada.username() + "&password=" + PASSWORD.replace(" ", "+"));
        assertThat(grant.status()).as(grant.body()).isEqualTo(403);
        assertThat(grant.json().path("error").asString()).isEqualTo("mfa_required");
        var signedIn = mfa(
                grant.json().path("mfa_token").asString(), "totp", AuthenticatorApp.code(ada.secret(), Instant.now()));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);

        var access = signedIn.json().path("access_token").asString();
        assertThat(http.deleteWithBody("/api/v1/users/me/mfa/totp", Map.of("currentPassword", "wrong"), bearer(access))
                        .status())
                .isEqualTo(400);
        assertThat(http.deleteWithBody("/api/v1/users/me/mfa/totp", Map.of("currentPassword", PASSWORD), bearer(access))
                        .status())
                .isEqualTo(204);
        assertThat(password(ada.username()).status())
                .as("no second factor any more")
                .isEqualTo(200);
        assertThat(http.deleteWithBody("/api/v1/users/me/mfa/totp", Map.of("currentPassword", PASSWORD), bearer(access))
                        .status())
                .isEqualTo(404);
        assertThat(mfa("not-a-token", "totp", "123456").status()).isEqualTo(401);
        assertThat(http.post("/api/v1/auth/mfa", Map.of("mfaToken", "x")).status())
                .isEqualTo(400);
        assertThat(UUID.fromString(ada.userId())).isNotNull();
    }

    @Test
    void aCompanyThatRequiresASecondFactorRefusesSessionsWithoutOne() throws Exception {
        var username = unique("owner");
        var registered =
                http.post("/api/v1/registrations", Registrations.withCompany(username, PASSWORD, "Co " + username));
        var companyId = registered.json().path("companyId").asString();
        var before = login(username).json().path("access_token").asString();
        assertThat(http.patch(
                                "/api/v1/companies/" + companyId + "/settings",
                                Map.of("requireMfa", "yes"),
                                bearer(before))
                        .status())
                .isEqualTo(400);
        var refused =
                http.patch("/api/v1/companies/" + companyId + "/settings", Map.of("requireMfa", true), bearer(before));
        assertThat(refused.status())
                .as("switched on only from a session with a second factor")
                .isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("mfa_required");

        var setup = http.post("/api/v1/users/me/mfa/totp", Map.of("currentPassword", PASSWORD), bearer(before));
        var secret = setup.json().path("secret").asString();
        http.post(
                "/api/v1/users/me/mfa/totp/confirm",
                Map.of("code", AuthenticatorApp.code(secret, Instant.now().minusSeconds(30))),
                bearer(before));
        var mfaToken = password(username).json().path("mfaToken").asString();
        var strong = mfa(mfaToken, "totp", AuthenticatorApp.code(secret, Instant.now()))
                .json()
                .path("access_token")
                .asString();
        assertThat(http.patch(
                                "/api/v1/companies/" + companyId + "/settings",
                                Map.of("requireMfa", true),
                                bearer(strong))
                        .status())
                .isEqualTo(204);

        var weak = http.patch("/api/v1/companies/" + companyId, Map.of("description", "x"), bearer(before));
        assertThat(weak.status()).as("a session without a second factor").isEqualTo(403);
        assertThat(weak.json().path("code").asString()).isEqualTo("mfa_required");
        assertThat(http.patch("/api/v1/companies/" + companyId, Map.of("description", "x"), bearer(strong))
                        .status())
                .isEqualTo(204);
        var stranger = unique("stranger");
        register(stranger);
        assertThat(http.patch(
                                "/api/v1/companies/" + companyId,
                                Map.of("description", "y"),
                                bearer(login(stranger)
                                        .json()
                                        .path("access_token")
                                        .asString()))
                        .json()
                        .path("code")
                        .asString())
                .as("a non-member is told what anyone is")
                .isNotEqualTo("mfa_required");
    }
}
