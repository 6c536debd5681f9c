package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: two companies' OWNERs subscribe a real HTTP receiver on this machine to their companies'
 * events; the command side's consumer group reads the stream the query side publishes, and the dispatcher posts
 * each event's CloudEvent. The receiver checks every signature with its own reading of the Standard Webhooks
 * specification, and fails the first attempts of one company's first event: that event comes again with the same
 * {@code webhook-id} within seconds, the company's later events wait for it (in order per aggregate), its
 * invitation's event does not (another aggregate), and neither company ever sees the other's events.
 */
class WebhookDeliveryTest {

    private static final String PASSWORD = "correct horse battery";
    private static final List<String> TYPES =
            List.of("identity.company.CompanyUpdated", "identity.invitation.MemberInvited");
    private static final int FAILURES = 2;

    private final RunningSystem system = RunningSystem.get();

    /** One request the receiver got, and when; {@code status} is what it answered. */
    private record Request(
            Instant at, String webhookId, String timestamp, String signature, JsonNode event, int status) {}

    private final Map<String, List<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    /**
     * Answers {@code 500} to the first {@link #FAILURES} deliveries of a company's own events where it is told to
     * fail, else {@code 204}; a bad signature gets {@code 401}, and is noted.
     */
    private void receive(HttpExchange exchange) throws IOException {
        var path = exchange.getRequestURI().getPath();
        var body = exchange.getRequestBody().readAllBytes();
        var headers = exchange.getRequestHeaders();
        var id = headers.getFirst("webhook-id");
        var timestamp = headers.getFirst("webhook-timestamp");
        var signature = headers.getFirst("webhook-signature");
        var event = Http.JSON.readTree(body);
        int status = 204;
        if (!signedRight(secrets.get(path), id, timestamp, signature, body)) {
            badSignatures.add(path + " " + id);
            status = 401;
        } else if (event.path("type").asString().startsWith("identity.company.")
                && failuresLeft.getOrDefault(path, new AtomicInteger()).getAndDecrement() > 0) {
            status = 500;
        }
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Request(Instant.now(), id, timestamp, signature, event, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /**
     * The Standard Webhooks check, written from the specification: the secret after {@code whsec_} is base64 of the
     * key; {@code v1,} then the base64 HMAC-SHA256 of {@code id.timestamp.body} is one of the space-separated
     * signatures; the timestamp is within five minutes of now.
     */
    private static boolean signedRight(String secret, String id, String timestamp, String signatures, byte[] body) {
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            var expected =
                    ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            for (var candidate : signatures.split(" ")) {
                if (MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), expected)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private record Company(String companyId, String[] owner, String path, String webhookId) {}

    /** A company and its OWNER's webhook to {@code path} on the receiver. */
    private Company company(String path) {
        var name = "wh" + UUID.randomUUID().toString().substring(0, 8);
        var companyId = system.command
                .post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Hooks " + name))
                .json()
                .path("companyId")
                .asString();
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var owner = Http.bearer(login.json().path("access_token").asString());
        var created = system.command.post(
                "/api/v1/companies/" + companyId + "/webhooks",
                Map.of(
                        "url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + path,
                        "eventTypes",
                        TYPES,
                        "description",
                        "the test's receiver"),
                owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        secrets.put(path, created.json().path("secret").asString());
        return new Company(
                companyId, owner, path, created.json().path("webhookId").asString());
    }

    /** Three renamings (one aggregate, in order) and an invitation (another aggregate, of the company). */
    private List<String> act(Company company) {
        var changes = new ArrayList<String>();
        for (int i = 1; i <= 3; i++) {
            var renamed = system.command.patch(
                    "/api/v1/companies/" + company.companyId(), Map.of("name", "Renamed " + i), company.owner());
            assertThat(renamed.status()).isEqualTo(204);
            changes.add("Renamed " + i);
        }
        var invited = system.command.post(
                "/api/v1/companies/" + company.companyId() + "/invitations",
                Map.of("email", "guest" + UUID.randomUUID().toString().substring(0, 8) + "@example.org"),
                company.owner());
        assertThat(invited.status()).isEqualTo(201);
        changes.add(invited.json().path("invitationId").asString());
        return changes;
    }

    /** The events the path accepted (answered 2xx), in the order they arrived. */
    private List<JsonNode> accepted(String path) {
        return received.getOrDefault(path, List.of()).stream()
                .filter(request -> request.status() == 204)
                .map(Request::event)
                .toList();
    }

    @Test
    void eachCompanysEventsArriveSignedInOrderAfterRetriesAndOnlyToItsOwnWebhook() {
        var failing = company("/failing");
        var steady = company("/steady");
        failuresLeft.put("/failing", new AtomicInteger(FAILURES));
        var failingChanges = act(failing);
        var steadyChanges = act(steady);

        assertThat(Eventually.within(
                        Duration.ofSeconds(60),
                        () -> accepted("/failing").size() >= 4
                                && accepted("/steady").size() >= 4))
                .as("every event delivered: %s", received)
                .isTrue();
        assertThat(badSignatures).isEmpty();

        for (var company : List.of(failing, steady)) {
            var events = accepted(company.path());
            assertThat(events)
                    .as("%s hears only of its own company", company.path())
                    .allMatch(event -> company.companyId()
                                    .equals(event.path("subject").asString())
                            || company.companyId()
                                    .equals(event.path("data").path("companyId").asString()));
            var names = events.stream()
                    .filter(event -> event.path("type").asString().equals("identity.company.CompanyUpdated"))
                    .map(event ->
                            event.path("data").path("changed").path("name").asString())
                    .toList();
            var changes = company == failing ? failingChanges : steadyChanges;
            assertThat(names).as("in order per aggregate").containsExactlyElementsOf(changes.subList(0, 3));
            assertThat(events)
                    .filteredOn(event -> event.path("type").asString().equals("identity.invitation.MemberInvited"))
                    .extracting(event -> event.path("subject").asString())
                    .containsExactly(changes.get(3));
        }

        var attempts = received.get("/failing").stream()
                .filter(request -> request.event().path("type").asString().startsWith("identity.company."))
                .toList();
        var first = attempts.get(0);
        assertThat(attempts.subList(0, FAILURES + 1))
                .as("the first event again and again, under the same webhook-id, until it is taken")
                .allMatch(request -> request.webhookId().equals(first.webhookId()))
                .extracting(Request::status)
                .containsExactly(500, 500, 204);
        assertThat(first.webhookId()).isEqualTo(first.event().path("id").asString());
        assertThat(Duration.between(first.at(), attempts.get(1).at()))
                .as("the first retry within 10 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(attempts.stream()
                        .map(request -> request.event().path("sequence").asLong()))
                .as("no later event of the company before the earlier one was taken")
                .isSorted();

        var log = system.command.get(
                "/api/v1/companies/" + failing.companyId() + "/webhooks/" + failing.webhookId() + "/deliveries",
                failing.owner());
        assertThat(log.status()).isEqualTo(200);
        var items = log.json().path("items");
        assertThat(items.size()).isEqualTo(4);
        var retried = items.values().stream()
                .filter(item -> item.path("eventId").asString().equals(first.webhookId()))
                .findFirst()
                .orElseThrow();
        assertThat(retried.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(retried.path("attempts").asInt()).isEqualTo(FAILURES + 1);
        assertThat(retried.path("lastResponseCode").asInt()).isEqualTo(204);
        assertThat(retried.path("deliveredAt").asString()).endsWith("Z");
        assertThat(system.command
                        .get(
                                "/api/v1/companies/" + steady.companyId() + "/webhooks/" + failing.webhookId()
                                        + "/deliveries",
                                steady.owner())
                        .status())
                .as("another company's log")
                .isEqualTo(404);

        var audit = "/api/v1/companies/" + failing.companyId() + "/audit?type=WebhookCreated";
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> system.query
                                        .get(audit, failing.owner())
                                        .json()
                                        .path("items")
                                        .size()
                                == 1))
                .as("the company's audit lists its webhook")
                .isTrue();
        var entry =
                system.query.get(audit, failing.owner()).json().path("items").get(0);
        assertThat(entry.path("aggregateId").asString()).isEqualTo(failing.webhookId());
        assertThat(entry.toString()).doesNotContain(secrets.get("/failing").substring("whsec_".length()));
    }
}
