package io.identity.support.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.crypto.MasterKey;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Only an address sealed under the server's own key, a moment ago, is taken for the caller's. */
class ClientAddressTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final ClientAddress server =
            new ClientAddress(new MasterKey("the server's master key"), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ClientAddress at(String secret, Instant when) {
        return new ClientAddress(new MasterKey(secret), Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void anAddressSealedUnderTheServersKeyOpensOthersDoNot() {
        assertThat(server.open(server.seal("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(server.open(server.seal("2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(server.open(at("another key", NOW).seal("203.0.113.7")))
                .as("another key")
                .isNull();
        assertThat(server.open("203.0.113.7")).as("plain text").isNull();
        assertThat(server.open("")).isNull();
        assertThat(server.open(null)).isNull();
        var sealed = server.seal("203.0.113.7");
        var altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThat(server.open(altered)).as("altered").isNull();
        assertThat(server.open(at("the server's master key", NOW.minus(Duration.ofMinutes(5)))
                        .seal("203.0.113.7")))
                .as("stale")
                .isNull();
        assertThat(server.open(
                        at("the server's master key", NOW.minusSeconds(30)).seal("203.0.113.7")))
                .as("another instance's clock, a little behind")
                .isEqualTo("203.0.113.7");
        assertThat(server.open(server.seal("not an address; DROP")))
                .as("no address")
                .isNull();
    }

    @Test
    void theFilterTakesAVouchedAddressAndIgnoresAForgedOne() throws Exception {
        var filter = new RequestContextFilter(server);
        assertThat(ipOf(filter, server.seal("198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(ipOf(filter, at("guessed", NOW).seal("198.51.100.4"))).isEqualTo("127.0.0.1");
        assertThat(ipOf(filter, "198.51.100.4")).isEqualTo("127.0.0.1");
        assertThat(ipOf(new RequestContextFilter(), server.seal("198.51.100.4")))
                .as("a side without the key")
                .isEqualTo("127.0.0.1");
    }

    private static String ipOf(RequestContextFilter filter, String header) throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/v1/auth/login");
        request.setRemoteAddr("127.0.0.1");
        request.addHeader(ClientAddress.HEADER, header);
        var seen = new String[1];
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(ServletRequest req, ServletResponse res) {
                seen[0] = RequestContext.current().ip();
            }
        });
        return seen[0];
    }
}
