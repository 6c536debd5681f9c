package io.identity.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real HTTP receiver on this machine: what it signs is checked by the specification's own
 * recipe written out here, redirects are answers and not followed, and without private targets allowed the
 * loopback receiver is never reached, whichever form its address takes.
 */
class WebhookSenderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private record Received(String path, String id, String timestamp, String signature, String type, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            var headers = exchange.getRequestHeaders();
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    headers.getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
                exchange.sendResponseHeaders(307, -1);
            } else {
                var answer = "a body nobody reads".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private WebhookSender sender(boolean allowPrivate) {
        var settings = new WebhookSettings(allowPrivate, null, null, null, null, null, null, null, null, null);
        return new WebhookSender(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aDeliveryCarriesTheEventSignedAsTheSpecificationSays() throws Exception {
        var body =
                "{\"specversion\":\"1.0\",\"id\":\"e1\",\"data\":{\"name\":\"Zoë\"}}".getBytes(StandardCharsets.UTF_8);
        try (var sender = sender(true)) {
            assertThat(sender.send(url("127.0.0.1", "/hook"), "msg_e1", SECRET, body))
                    .isEqualTo(202);
        }
        assertThat(received).hasSize(1);
        var delivery = received.get(0);
        assertThat(delivery.body()).isEqualTo(body);
        assertThat(delivery.id()).isEqualTo("msg_e1");
        assertThat(delivery.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(delivery.type()).startsWith("application/cloudevents+json");
        assertThat(delivery.signature()).isEqualTo("v1," + expectedSignature(delivery));
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        try (var sender = sender(true)) {
            assertThat(sender.send(url("127.0.0.1", "/moved"), "msg_e2", SECRET, new byte[] {'{', '}'}))
                    .isEqualTo(307);
        }
        assertThat(received).extracting(Received::path).containsExactly("/moved");
    }

    @Test
    void withoutPrivateTargetsAllowedTheLoopbackIsNeverReached() throws Exception {
        try (var sender = sender(false)) {
            for (var host : List.of("127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "[::1]")) {
                assertThatThrownBy(() -> sender.send(url(host, "/hook"), "msg_e3", SECRET, new byte[] {'{', '}'}))
                        .as(host)
                        .isInstanceOf(GuardedResolver.RefusedTarget.class);
            }
        }
        assertThat(received).isEmpty();
    }

    @Test
    void addressesAreJudgedByWhatTheyReach() throws Exception {
        for (var refused : List.of(
                "127.0.0.1",
                "10.20.30.40",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fdff:ffff::1",
                "fec0::1",
                "ff02::1",
                "::ffff:10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:c0a8:0101::1")) {
            assertThat(TargetAddresses.forbidden(InetAddress.getByName(refused)))
                    .as(refused)
                    .isTrue();
        }
        for (var allowed :
                List.of("203.0.113.10", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:db8::1", "2606:4700::1")) {
            assertThat(TargetAddresses.forbidden(InetAddress.getByName(allowed)))
                    .as(allowed)
                    .isFalse();
        }
    }

    /**
     * The Standard Webhooks signature, from the specification's text alone: HMAC-SHA256 keyed with the base64-decoded
     * part of the secret after {@code whsec_}, over {@code id.timestamp.body}, in base64.
     */
    private static String expectedSignature(Received delivery) throws Exception {
        var key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((delivery.id() + "." + delivery.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(delivery.body()));
    }
}
