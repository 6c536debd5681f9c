package io.identity.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.identity.support.test.Eventually;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPrivateJwk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query side's view of the command side's keys, against a real HTTP server publishing a JWK set. */
class RemoteJwksTest {

    private static final RsaPrivateJwk FIRST = key("k1");
    private static final RsaPrivateJwk SECOND = key("k2");

    private final AtomicInteger requests = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private volatile List<RsaPrivateJwk> published = List.of(FIRST);
    private volatile int status = 200;
    private HttpServer server;
    private RemoteJwks keys;

    @BeforeEach
    void publish() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            requests.incrementAndGet();
            var body = ("{\"keys\":["
                            + published.stream()
                                    .map(k -> Jwks.json(k.toPublicJwk()))
                                    .collect(Collectors.joining(",")) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        // a request that takes long on a busy machine is not tried again, so the counts below are exact
        keys = new RemoteJwks(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json"),
                clock,
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theSetIsFetchedOnceAndKeptForItsTime() {
        assertThat(keys.find("k1")).isEqualTo(FIRST.toPublicJwk().toKey());
        assertThat(keys.find("k1")).isEqualTo(FIRST.toPublicJwk().toKey());
        clock.pass(RemoteJwks.TIME_TO_LIVE.minus(RemoteJwks.REFRESH_AHEAD).minusSeconds(1));
        assertThat(keys.find("k1")).isNotNull();
        assertThat(requests).hasValue(1);
    }

    @Test
    void aKeyRotatedInIsFetchedWhenATokenFirstNamesIt() {
        assertThat(keys.find("k1")).isNotNull();
        published = List.of(SECOND, FIRST);
        assertThat(keys.find("k2")).isEqualTo(SECOND.toPublicJwk().toKey());
        assertThat(keys.find("k1")).isNotNull();
        assertThat(requests).hasValue(2);
    }

    @Test
    void madeUpKeyIdsMakeItFetchAtMostTwiceInAnInterval() {
        for (var i = 0; i < 20; i++) {
            assertThat(keys.find("made-up-" + i)).isNull();
        }
        assertThat(requests).as("the first fetch and one more").hasValue(2);
        clock.pass(RemoteJwks.MIN_INTERVAL);
        assertThat(keys.find("made-up")).isNull();
        assertThat(requests).hasValue(3);
    }

    @Test
    void aKeyWithdrawnStopsCountingOnceTheSetIsFetchedAgain() {
        assertThat(keys.find("k1")).isNotNull();
        published = List.of(SECOND);
        clock.pass(RemoteJwks.TIME_TO_LIVE);
        assertThat(keys.find("k1")).isNull();
        assertThat(keys.find("k2")).isNotNull();
        assertThat(requests).hasValue(2);
    }

    @Test
    void theSetIsFetchedAheadOfItsTimeWithoutMakingARequestWait() {
        assertThat(keys.find("k1")).isNotNull();
        published = List.of(SECOND, FIRST);
        clock.pass(RemoteJwks.TIME_TO_LIVE.minus(RemoteJwks.REFRESH_AHEAD).plusSeconds(1));
        assertThat(keys.find("k1")).isNotNull();
        assertThat(Eventually.within(Duration.ofSeconds(5), () -> requests.get() == 2))
                .isTrue();
        server.stop(0);
        assertThat(keys.find("k2")).as("from the set fetched ahead").isNotNull();
    }

    @Test
    void withoutAnAnswerPastItsTimeTokensAreRefusedUntilOneComes() {
        assertThat(keys.find("k1")).isNotNull();
        status = 503;
        clock.pass(RemoteJwks.TIME_TO_LIVE);
        assertThat(keys.find("k1")).isNull();
        assertThat(requests).as("tried once more").hasValue(3);
        status = 200;
        clock.pass(RemoteJwks.MIN_INTERVAL);
        assertThat(keys.find("k1")).isNotNull();
    }

    private static RsaPrivateJwk key(String id) {
        return Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id(id)
                .publicKeyUse("sig")
                .algorithm("RS256")
                .build();
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
