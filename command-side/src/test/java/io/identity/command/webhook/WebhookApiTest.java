package io.identity.command.webhook;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhooks' API on a command side that keeps private targets refused (the default): who may make and manage
 * them, what is checked, that the secret is shown once and kept only sealed, and that a target whose address turned
 * private is refused again when a delivery is due.
 */
class WebhookApiTest extends CommandSideTest {

    private static final String PUBLIC_TARGET = "https://203.0.113.10/identity-hooks";
    private static final List<String> COMPANY_TYPES =
            List.of("identity.company.MemberJoined", "identity.invitation.MemberInvited");

    private record Company(String companyId, String[] owner) {
        String webhooks() {
            return "/api/v1/companies/" + companyId + "/webhooks";
        }
    }

    private Company company() {
        var name = unique("hook");
        var companyId = http.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Co " + name))
                .json()
                .path("companyId")
                .asString();
        return new Company(companyId, signedIn(name));
    }

    private String[] signedIn(String login) {
        return bearer(login(login).json().path("access_token").asString());
    }

    /** A new member of the company with the role, joined through an invitation's mailed link. */
    private String[] member(Company company, String role) {
        var email = unique("m") + "@example.org";
        var invited = http.post(
                "/api/v1/companies/" + company.companyId() + "/invitations",
                Map.of("email", email, "role", role),
                company.owner());
        assertThat(invited.status()).isEqualTo(201);
        var text = TestSmtp.part(TestSmtp.awaitMessages(email, 1).get(0), "text/plain");
        var link = Pattern.compile("/invitations/([A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).isTrue();
        var username = unique("m");
        var joined = http.post(
                "/api/v1/invitations/accept-new",
                Map.of("token", link.group(1), "username", username, "password", PASSWORD));
        assertThat(joined.status()).isEqualTo(201);
        return signedIn(username);
    }

    private static Map<String, Object> webhook(String url, List<String> types) {
        return Map.of("url", url, "eventTypes", types, "description", "our listener");
    }

    @Test
    void anOperatorMakesAWebhookWhoseSecretIsShownOnceAndKeptOnlySealed() {
        operator();
        var auth = signedIn(OPERATOR);
        var created = http.post(
                "/api/v1/admin/webhooks", webhook(PUBLIC_TARGET, List.of("identity.user.UserRegistered")), auth);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().propertyNames()).containsExactlyInAnyOrder("webhookId", "secret");
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("X-Event-Position")).isNotNull();
        var secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        var webhookId = created.json().path("webhookId").asString();

        var read = http.get("/api/v1/admin/webhooks/" + webhookId, auth);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(read.json().path("url").asString()).isEqualTo(PUBLIC_TARGET);
        assertThat(read.json().path("companyId").isNull()).isTrue();
        assertThat(read.json().path("eventTypes").get(0).asString()).isEqualTo("identity.user.UserRegistered");
        assertThat(http.get("/api/v1/admin/webhooks", auth).body())
                .contains(webhookId)
                .doesNotContain(secret);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0",
                        Long.class,
                        secret.substring(6)))
                .as("no event holds the secret")
                .isZero();
        var sealed = jdbc.queryForObject(
                "SELECT sealed FROM webhook_secrets WHERE webhook_id = ?::uuid", byte[].class, webhookId);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
        assertThat(jdbc.queryForList(
                        "SELECT column_name FROM information_schema.columns WHERE table_name LIKE 'webhook%'",
                        String.class))
                .as("no hash of the secret either")
                .noneMatch(column -> column.contains("hash"));
    }

    @Test
    void onlyOperatorsUseTheOperatorsWebhooks() {
        var someone = unique("who");
        register(someone);
        var auth = signedIn(someone);
        var refused = http.post("/api/v1/admin/webhooks", webhook(PUBLIC_TARGET, COMPANY_TYPES), auth);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(http.get("/api/v1/admin/webhooks", auth).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/admin/webhooks", webhook(PUBLIC_TARGET, COMPANY_TYPES))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void ownersAndAdminsManageTheirCompanysWebhooksMembersMayNotAndStrangersFindNone() {
        var company = company();
        var created = http.post(company.webhooks(), webhook(PUBLIC_TARGET, COMPANY_TYPES), company.owner());
        assertThat(created.status()).isEqualTo(201);
        var path = company.webhooks() + "/" + created.json().path("webhookId").asString();
        assertThat(http.get(path, company.owner()).json().path("companyId").asString())
                .isEqualTo(company.companyId());

        var admin = member(company, "ADMIN");
        assertThat(http.post(company.webhooks(), webhook(PUBLIC_TARGET, COMPANY_TYPES), admin)
                        .status())
                .isEqualTo(201);
        assertThat(http.get(path + "/deliveries", admin).json().path("items").size())
                .isZero();

        var member = member(company, "MEMBER");
        var forbidden = http.post(company.webhooks(), webhook(PUBLIC_TARGET, COMPANY_TYPES), member);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(http.get(path, member).status()).isEqualTo(403);

        var stranger = company();
        assertThat(http.get(path, stranger.owner()).status())
                .as("another company's owner")
                .isEqualTo(404);
        var underTheirs =
                stranger.webhooks() + "/" + created.json().path("webhookId").asString();
        assertThat(http.get(underTheirs, stranger.owner()).status())
                .as("under their own company")
                .isEqualTo(404);
        assertThat(http.delete(underTheirs, stranger.owner()).status()).isEqualTo(404);
        assertThat(http.get(stranger.webhooks(), stranger.owner())
                        .json()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void aWebhookIsChangedByMergePatchAndGoneOnceDeleted() {
        var company = company();
        var created = http.post(company.webhooks(), webhook(PUBLIC_TARGET, COMPANY_TYPES), company.owner());
        var path = company.webhooks() + "/" + created.json().path("webhookId").asString();
        var patch = new HashMap<String, Object>();
        patch.put("description", null);
        patch.put("eventTypes", List.of("identity.company.CompanyUpdated"));
        var changed = http.patch(path, patch, company.owner());
        assertThat(changed.status()).isEqualTo(204);
        assertThat(changed.header("X-Event-Position")).isNotNull();
        var read = http.get(path, company.owner()).json();
        assertThat(read.path("description").isNull()).isTrue();
        assertThat(read.path("url").asString()).as("absent, unchanged").isEqualTo(PUBLIC_TARGET);
        assertThat(read.path("eventTypes").get(0).asString()).isEqualTo("identity.company.CompanyUpdated");
        assertThat(read.path("updatedAt").asString()).endsWith("Z");

        var toPrivate = http.patch(path, Map.of("url", "http://10.1.2.3/hook"), company.owner());
        assertThat(toPrivate.status()).isEqualTo(400);
        assertThat(toPrivate.json().path("errors").get(0).path("field").asString())
                .isEqualTo("url");

        assertThat(http.delete(path, company.owner()).status()).isEqualTo(204);
        assertThat(http.get(path, company.owner()).status()).isEqualTo(404);
        assertThat(http.delete(path, company.owner()).status()).isEqualTo(404);
        assertThat(http.get(company.webhooks() + "/not-a-uuid", company.owner()).status())
                .isEqualTo(404);
    }

    @Test
    void privateTargetsAndBadFieldsAreRefusedWithTheirField() {
        var company = company();
        for (var target : List.of(
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/hook",
                "https://192.168.1.20/hook",
                "http://172.16.0.5/hook",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/hook",
                "http://[::ffff:192.168.0.1]/hook",
                "http://0.0.0.0/hook",
                "http://100.100.100.200/hook",
                "http://224.0.0.1/hook")) {
            var refused = http.post(company.webhooks(), webhook(target, COMPANY_TYPES), company.owner());
            assertThat(refused.status()).as(target).isEqualTo(400);
            assertThat(refused.json().path("code").asString()).isEqualTo("validation_failed");
            assertThat(field(refused.json())).as(target).isEqualTo("url");
            assertThat(refused.json().path("errors").get(0).path("message").asString())
                    .as(target)
                    .contains("private");
        }
        for (var bad : List.of("ftp://files.example.com/x", "not a url", "https://user:pw@hooks.example.com/x", "/x")) {
            var refused = http.post(company.webhooks(), webhook(bad, COMPANY_TYPES), company.owner());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(field(refused.json())).as(bad).isEqualTo("url");
        }
        for (var types :
                List.<List<String>>of(List.of(), List.of("UserRegistered"), List.of("identity.user.UserRegistered"))) {
            var refused = http.post(company.webhooks(), webhook(PUBLIC_TARGET, types), company.owner());
            assertThat(refused.status()).as("%s", types).isEqualTo(400);
            assertThat(field(refused.json())).isEqualTo("eventTypes");
        }
        var malformed = http.post(company.webhooks(), "{ not json", company.owner());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asString()).isEqualTo("malformed_request");
        assertThat(http.get(company.webhooks() + "?limit=0", company.owner()).status())
                .isEqualTo(400);
    }

    /**
     * A webhook made for a public address whose name now leads to this machine (as a rebound DNS name would): the
     * delivery is refused when it is due, and the receiver hears nothing.
     */
    @Test
    void aTargetThatTurnedPrivateIsRefusedWhenADeliveryIsDue() throws Exception {
        var heard = new AtomicInteger();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            heard.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            var company = company();
            var created = http.post(company.webhooks(), webhook(PUBLIC_TARGET, COMPANY_TYPES), company.owner());
            var webhookId = created.json().path("webhookId").asString();
            jdbc.update(
                    "UPDATE webhooks SET url = ? WHERE webhook_id = ?::uuid",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    webhookId);
            var eventId = UUID.randomUUID().toString();
            jdbc.update(
                    "INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, event_key, position, body) "
                            + "VALUES (?::uuid, ?, 'identity.company.MemberJoined', ?, 1, ?)",
                    webhookId,
                    eventId,
                    company.companyId(),
                    "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            var deliveries = company.webhooks() + "/" + webhookId + "/deliveries";
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> http.get(deliveries, company.owner())
                                            .json()
                                            .path("items")
                                            .path(0)
                                            .path("attempts")
                                            .asInt()
                                    >= 1))
                    .isTrue();
            var delivery =
                    http.get(deliveries, company.owner()).json().path("items").path(0);
            assertThat(delivery.path("eventId").asString()).isEqualTo(eventId);
            assertThat(delivery.path("status").asString()).isEqualTo("PENDING");
            assertThat(delivery.path("lastResponseCode").isNull()).isTrue();
            assertThat(delivery.path("lastError").asString()).contains("private");
            assertThat(delivery.path("nextAttemptAt").asString()).endsWith("Z");
            assertThat(delivery.path("deliveredAt").isNull()).isTrue();
            assertThat(delivery.has("id"))
                    .as("the list's own order key stays inside")
                    .isFalse();
            assertThat(heard.get()).isZero();
        } finally {
            receiver.stop(0);
        }
    }

    @Autowired
    private DeliveryLog deliveryLog;

    @Autowired
    private JsonMapper json;

    /** A message of the stream as the query side publishes it, far ahead of every webhook made so far. */
    private ConsumerRecord<String, byte[]> message(String topic, String type, String key, Map<String, Object> data) {
        var event = Map.of(
                "specversion",
                "1.0",
                "id",
                UUID.randomUUID().toString(),
                "source",
                "http://localhost:8081",
                "type",
                type,
                "subject",
                key,
                "time",
                "2026-12-01T10:00:00Z",
                "datacontenttype",
                "application/json",
                "data",
                data,
                "sequence",
                0,
                "position",
                POSITION.incrementAndGet());
        return new ConsumerRecord<>(topic, 0, 0, key, json.writeValueAsBytes(event));
    }

    private static final AtomicLong POSITION = new AtomicLong(1_000_000_000L);

    /**
     * The consumer records a company's events for its webhooks only, any wanted event for the operators', each
     * once however often it is read; an erasure takes the pending deliveries of what it erased out of the queue.
     */
    @Test
    void theStreamIsRecordedForTheWebhooksThatWantItOnceAndAnErasureTakesBackWhatItErased() {
        operator();
        var operatorWebhook = http.post(
                        "/api/v1/admin/webhooks",
                        webhook(PUBLIC_TARGET, List.of("identity.user.UserRegistered", "identity.user.UserErased")),
                        signedIn(OPERATOR))
                .json()
                .path("webhookId")
                .asString();
        var company = company();
        var companyWebhook = http.post(company.webhooks(), webhook(PUBLIC_TARGET, COMPANY_TYPES), company.owner())
                .json()
                .path("webhookId")
                .asString();
        var stream = new WebhookStream(deliveryLog, json);
        var userId = UUID.randomUUID().toString();
        var invitationId = UUID.randomUUID().toString();

        var joined = message(
                "identity.companies", "identity.company.MemberJoined", company.companyId(), Map.of("role", "MEMBER"));
        assertThat(stream.handle(joined)).isEqualTo(1);
        assertThat(stream.handle(joined)).as("read again").isZero();
        var elsewhere = UUID.randomUUID().toString();
        assertThat(stream.handle(message(
                        "identity.companies", "identity.company.MemberJoined", elsewhere, Map.of("role", "MEMBER"))))
                .as("another company's")
                .isZero();
        var invited = message(
                "identity.invitations",
                "identity.invitation.MemberInvited",
                invitationId,
                Map.of("companyId", company.companyId(), "email", "guest@example.org"));
        assertThat(stream.handle(invited)).isEqualTo(1);
        var registered = message("identity.users", "identity.user.UserRegistered", userId, Map.of("username", "gone"));
        assertThat(stream.handle(registered))
                .as("the operators' only (other tests' among them)")
                .isEqualTo(jdbc.queryForObject(
                        "SELECT count(*) FROM webhooks WHERE company_id IS NULL "
                                + "AND 'identity.user.UserRegistered' = ANY (event_types)",
                        Integer.class));
        assertThat(queued(companyWebhook)).hasSize(2);
        assertThat(queued(operatorWebhook)).containsKey(userId);

        var erased = message(
                "identity.users", "identity.user.UserErased", userId, Map.of("invitationIds", List.of(invitationId)));
        assertThat(stream.handle(erased))
                .as("the erasure itself goes to who wants it")
                .isEqualTo(1);
        assertThat(stream.handle(message(
                        "identity.erasures",
                        "identity.user.UserErased",
                        userId,
                        Map.of("invitationIds", List.of(invitationId)))))
                .as("its copy on the erasures topic")
                .isZero();
        for (var gone : List.of(
                Map.of("webhook", operatorWebhook, "key", userId),
                Map.of("webhook", companyWebhook, "key", invitationId))) {
            var row = jdbc.queryForMap(
                    "SELECT status, body, last_error FROM webhook_deliveries WHERE webhook_id = ?::uuid "
                            + "AND event_key = ? ORDER BY position LIMIT 1",
                    gone.get("webhook"),
                    gone.get("key"));
            assertThat(row.get("status")).as("%s", gone).isEqualTo("FAILED");
            assertThat(row.get("body")).isNull();
            assertThat(row.get("last_error")).isEqualTo("erased");
        }
    }

    /** The webhook's deliveries still to go, by key. */
    private Map<String, Object> queued(String webhookId) {
        var rows = new HashMap<String, Object>();
        jdbc.queryForList("SELECT event_key, event_type FROM webhook_deliveries WHERE webhook_id = ?::uuid", webhookId)
                .forEach(row -> rows.put((String) row.get("event_key"), row.get("event_type")));
        return rows;
    }

    private static String field(JsonNode problem) {
        return problem.path("errors").path(0).path("field").asString();
    }
}
