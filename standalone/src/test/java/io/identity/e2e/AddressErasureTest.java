package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.privacy.ErasureLog;
import io.identity.query.stream.EventSchemas;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Someone without an account, invited twice, has everything about their address erased from the hosted pages: the
 * read models show the invitations' address erased, the company's audit too, the stream's consumers learn it from
 * {@code identity.erasures} keyed by the address's digest, and a restore that brings the invitations' keys back is
 * undone by the erasure log.
 */
class AddressErasureTest {

    private static final String PASSWORD = RunningSystem.PASSWORD;
    private static final Pattern LINK = Pattern.compile("/erase-address\\?token=([A-Za-z0-9_-]+)");

    private final RunningSystem system = RunningSystem.get();
    private final PageClient browser = new PageClient(system.publicUrl);

    private HttpResponse<String> get(String path) {
        return browser.get(path);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        return browser.post(path, form);
    }

    private static String csrf(HttpResponse<String> page) {
        return PageClient.csrf(page);
    }

    private record Owner(String companyId, String auth) {}

    private Owner owner(String name) {
        var companyId = system.command
                .post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Co " + name))
                .json()
                .path("companyId")
                .asString();
        return new Owner(
                companyId,
                "Bearer "
                        + system.command
                                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                                .json()
                                .path("access_token")
                                .asString());
    }

    private String invite(Owner owner, String email) {
        var invited = system.command.post(
                "/api/v1/companies/" + owner.companyId() + "/invitations",
                Map.of("email", email),
                "Authorization",
                owner.auth());
        assertThat(invited.status()).isEqualTo(201);
        return invited.json().path("invitationId").asString();
    }

    private static String sha256(String email) throws Exception {
        var normalised = Normalizer.normalize(email, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anInviteeWithoutAnAccountErasesTheirAddressFromThePages() throws Exception {
        var id = UUID.randomUUID().toString().substring(0, 8);
        var email = "never-" + id + "@example.org";
        var first = owner("ea" + id);
        var second = owner("eb" + id);
        var declined = invite(first, email);
        assertThat(system.command
                        .post("/api/v1/invitations/decline", Map.of("token", Mails.invitationToken(system.mail, email)))
                        .status())
                .isEqualTo(204);
        var pending = invite(second, email);
        var pendingToken = Mails.invitationTokens(system.mail, email, 2).get(1);

        var jdbc = system.commandContext.getBean(JdbcTemplate.class);
        var key = jdbc.queryForMap(
                "SELECT subject_id, data_key, created_at FROM events.personal_data_keys "
                        + "WHERE subject_id = ?::uuid",
                declined);

        // the invitation's page leads to the erasure
        assertThat(get("/invitations/" + pendingToken).statusCode()).isEqualTo(303);
        assertThat(get("/invitations/open").body()).contains("href=\"/erase-address\"");
        var form = get("/erase-address");
        assertThat(form.statusCode()).isEqualTo(200);
        var asked = post("/erase-address/request", Map.of("_csrf", csrf(form), "email", email));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Check your email").contains("id=\"mail-inbox\"");
        var token = new String[1];
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> {
                    Mails.to(system.mail, email, "Erase what").forEach(mail -> {
                        var link = LINK.matcher(Mails.text(mail));
                        if (link.find()) {
                            token[0] = link.group(1);
                        }
                    });
                    return token[0] != null;
                }))
                .as("the link mailed to the address")
                .isTrue();

        var opened = get("/erase-address?token=" + token[0]);
        assertThat(opened.statusCode()).as("the token leaves the address bar").isEqualTo(303);
        var confirm = get("/erase-address");
        assertThat(confirm.body()).contains("Erase for good").doesNotContain(token[0]);
        var erased = post("/erase-address", Map.of("_csrf", csrf(confirm)));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).contains("Erased");
        var again = post("/erase-address", Map.of("_csrf", csrf(confirm)));
        assertThat(again.statusCode())
                .as("the link is spent, and the page forgot it")
                .isEqualTo(400);

        // the read models
        for (var owner : List.of(first, second)) {
            assertThat(Eventually.within(Duration.ofSeconds(20), () -> {
                        var listed = system.query
                                .get(
                                        "/api/v1/companies/" + owner.companyId() + "/invitations",
                                        "Authorization",
                                        owner.auth())
                                .json()
                                .path("items");
                        return !listed.isEmpty()
                                && listed.findValuesAsString("email").stream().allMatch("[erased]"::equals);
                    }))
                    .as("the invitations read the address erased")
                    .isTrue();
        }
        var withdrawn = system.query
                .get("/api/v1/companies/" + second.companyId() + "/invitations", "Authorization", second.auth())
                .json()
                .path("items")
                .get(0);
        assertThat(withdrawn.path("invitationId").asString()).isEqualTo(pending);
        assertThat(withdrawn.path("status").asString())
                .as("the pending one is withdrawn")
                .isEqualTo("REVOKED");
        // the audit is a processor of its own, which may still be behind the invitations' one
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> {
                    var audit = system.query.get(
                            "/api/v1/companies/" + first.companyId() + "/audit", "Authorization", first.auth());
                    return audit.status() == 200
                            && audit.body().contains("MemberInvited")
                            && !audit.body().contains(email);
                }))
                .as("the company's audit reads the address erased")
                .isTrue();

        // the stream: the compacted erasures topic, keyed by the address's digest
        var record = Topics.readUntil(
                        system,
                        "identity.erasures",
                        Duration.ofSeconds(30),
                        all -> all.stream().anyMatch(r -> r.value().contains(declined)))
                .stream()
                .filter(r -> r.value().contains(declined))
                .findFirst()
                .orElseThrow();
        JsonNode event = Http.JSON.readTree(record.value());
        assertThat(record.key()).as("keyed by the address's digest").isEqualTo(sha256(email));
        assertThat(event.path("type").asString()).isEqualTo("identity.privacy.AddressErased");
        assertThat(event.path("data").path("invitationIds").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(declined, pending);
        assertThat(record.value()).doesNotContain(email);
        assertThat(EventSchemas.violations(event.path("type").asString(), event.path("data")))
                .isEmpty();

        // a restore from before the erasure brings an invitation's key back: the erasure log shreds it again
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM events.personal_data_keys WHERE subject_id = ?::uuid",
                        Long.class,
                        declined))
                .isZero();
        // the key as a backup taken before the erasure has it
        jdbc.update(
                "INSERT INTO events.personal_data_keys (subject_id, data_key, created_at) VALUES (?, ?, ?)",
                key.get("subject_id"),
                key.get("data_key"),
                key.get("created_at"));
        jdbc.update("DELETE FROM events.erased_subjects WHERE subject_id = ?::uuid", declined);
        var log = system.commandContext.getBean(ErasureLog.class);
        assertThat(log.reapply()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM events.personal_data_keys WHERE subject_id = ?::uuid",
                        Long.class,
                        declined))
                .as("shredded again")
                .isZero();
        var types = new ArrayList<String>();
        Topics.read(system, "identity.erasures", sha256(email), 1)
                .forEach(r ->
                        types.add(Http.JSON.readTree(r.value()).path("type").asString()));
        assertThat(types).containsOnly("identity.privacy.AddressErased");
    }
}
