package io.identity.command.user;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.TokenContents;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EmailVerificationApiTest extends CommandSideTest {

    private static String address(String name) {
        return name + "@example.com";
    }

    private String registered(String name, String... headers) {
        var response = http.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", address(name), "password", PASSWORD),
                headers);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("userId").asString();
    }

    private Http.Response verify(String token) {
        return http.post("/api/v1/email-verification", Map.of("token", token));
    }

    private String accessToken(String name) {
        var response = login(name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("access_token").asString();
    }

    private static void assertInvalidToken(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("invalid_token");
        assertThat(response.header("WWW-Authenticate")).isNull();
    }

    @Test
    void theLinkInTheMailVerifiesTheAddressOnce() throws Exception {
        var name = unique("verify");
        registered(name);
        var mail = TestSmtp.awaitMessages(address(name), 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Confirm your email address for Identity");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("no-reply@localhost");
        var token = TestSmtp.verificationToken(mail);
        assertThat(TestSmtp.part(mail, "text/plain")).startsWith("Hello " + name + ",");
        assertThat(TestSmtp.part(mail, "text/html"))
                .contains("href=\"http://localhost:8081/verify-email?token=" + token + "\"");
        assertThat(TokenContents.claims(accessToken(name)).get("email_verified", Boolean.class))
                .isFalse();

        var verified = verify(token);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        assertThat(Long.parseLong(verified.header("X-Event-Position"))).isPositive();
        assertThat(TokenContents.claims(accessToken(name)).get("email_verified", Boolean.class))
                .isTrue();

        assertInvalidToken(verify(token));
    }

    @Test
    void aResentLinkVoidsTheEarlierOne() {
        var name = unique("resend");
        registered(name);
        var first = TestSmtp.verificationToken(
                TestSmtp.awaitMessages(address(name), 1).get(0));

        var resent = http.post("/api/v1/email-verification/resend", "", bearer(accessToken(name)));
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        assertThat(resent.header("X-Event-Position")).isNotNull();
        var second = TestSmtp.awaitMessages(address(name), 2).stream()
                .map(TestSmtp::verificationToken)
                .filter(token -> !token.equals(first))
                .findFirst()
                .orElseThrow();

        assertInvalidToken(verify(first));
        assertThat(verify(second).status()).isEqualTo(204);
    }

    /** Nothing to verify, nothing sent; the answer is the same 202, with no event position. */
    @Test
    void resendingForAVerifiedAddressSendsNothing() {
        var name = unique("done");
        var userId = registered(name);
        var token = TestSmtp.verificationToken(
                TestSmtp.awaitMessages(address(name), 1).get(0));
        assertThat(verify(token).status()).isEqualTo(204);
        var events = eventsOf(userId);

        var resent = http.post("/api/v1/email-verification/resend", "", bearer(accessToken(name)));
        assertThat(resent.status()).isEqualTo(202);
        assertThat(resent.header("X-Event-Position")).isNull();
        assertThat(eventsOf(userId)).isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE subject_id = ?::uuid", Long.class, userId))
                .isEqualTo(1);
    }

    @Test
    void resendingNeedsAnAccessToken() {
        var response = http.post("/api/v1/email-verification/resend", "");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("code").asString()).isEqualTo("unauthenticated");
    }

    @Test
    void unknownOrMissingTokensAreRefusedAlike() {
        assertInvalidToken(verify(OpaqueTokens.generate()));
        assertInvalidToken(verify(""));
        assertInvalidToken(http.post("/api/v1/email-verification", "{}"));
        assertThat(http.post("/api/v1/email-verification", "{\"token\":")
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("malformed_request");
    }

    @Test
    void theMailSpeaksTheLanguageOfTheRequest() throws Exception {
        var german = unique("de");
        registered(german, "Accept-Language", "de-CH, de;q=0.9, en;q=0.5");
        var mail = TestSmtp.awaitMessages(address(german), 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für Identity");
        assertThat(TestSmtp.part(mail, "text/plain")).startsWith("Hallo " + german + ",");
        assertThat(TestSmtp.part(mail, "text/html")).contains("lang=\"de\"");

        var french = unique("fr");
        registered(french, "Accept-Language", "fr-FR");
        assertThat(TestSmtp.awaitMessages(address(french), 1).get(0).getSubject())
                .isEqualTo("Confirm your email address for Identity");
    }

    @Test
    void theRawTokenIsInNoEventNoTableAndNoLogLine(CapturedOutput output) {
        var name = unique("secret");
        var userId = registered(name);
        MimeMessage mail = TestSmtp.awaitMessages(address(name), 1).get(0);
        var token = TestSmtp.verificationToken(mail);
        assertThat(Eventually.within(
                        Duration.ofSeconds(10),
                        () -> "SENT"
                                .equals(jdbc.queryForObject(
                                        "SELECT status FROM mail_outbox WHERE subject_id = ?::uuid",
                                        String.class,
                                        userId))))
                .isTrue();
        assertThat(verify(token).status()).isEqualTo(204);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE "
                                + "position(? in convert_from(payload, 'UTF8')) > 0 OR position(? in convert_from(meta_data, 'UTF8')) > 0",
                        Long.class,
                        token,
                        token))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox o WHERE position(? in o::text) > 0", Long.class, token))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT secrets FROM mail_outbox WHERE subject_id = ?::uuid", String.class, userId))
                .isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM email_verification_tokens t WHERE position(? in t::text) > 0",
                        Long.class,
                        token))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8')::jsonb->>'tokenHash' FROM domain_event_entry "
                                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%EmailVerificationRequested'",
                        String.class, userId))
                .isEqualTo(OpaqueTokens.hashHex(token));
        assertThat(output.getAll()).doesNotContain(token);
    }

    private List<Long> eventsOf(String userId) {
        return jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? " + "ORDER BY global_index",
                Long.class,
                userId);
    }
}
