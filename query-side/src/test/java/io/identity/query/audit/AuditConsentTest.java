package io.identity.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.client.ClientRegistered;
import io.identity.events.client.ConsentGranted;
import io.identity.events.client.ConsentRevocationReason;
import io.identity.events.client.ConsentRevoked;
import io.identity.query.QuerySideTest;
import io.identity.query.web.Page;
import io.identity.support.auth.Caller;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A consent is a person's: its entries carry their id, so their own log lists what they allowed applications and
 * when that ended; the applications' own entries (a client's registration) belong to nobody.
 */
class AuditConsentTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-11-29T10:15:30Z");

    @Autowired
    private AuditQueryController audit;

    @Test
    void aPersonsOwnLogListsTheirConsents() throws Exception {
        var user = UUID.randomUUID();
        var clientId = UUID.randomUUID().toString();
        var consent = UUID.randomUUID();
        append(
                "Client",
                UUID.fromString(clientId),
                0,
                new ClientRegistered(
                        clientId,
                        "Engines Wiki",
                        "none",
                        List.of("https://wiki.example.com/cb"),
                        List.of(),
                        List.of("authorization_code"),
                        List.of("openid", "profile"),
                        null,
                        "rat-hash",
                        AT));
        append("Consent", consent, 0, new ConsentGranted(consent, user, clientId, List.of("openid", "profile"), AT));
        append(
                "Consent",
                consent,
                1,
                new ConsentRevoked(consent, user, clientId, ConsentRevocationReason.BY_USER, AT.plusSeconds(60)));
        await(
                "both consent entries are in the log",
                () -> count("SELECT count(*) FROM audit_events WHERE aggregate_id = ?", consent.toString()) == 2);
        await(
                "the client's entry is in the log",
                () -> count("SELECT count(*) FROM audit_events WHERE aggregate_id = ?", clientId) == 1);

        assertThat(jdbc.queryForList(
                        "SELECT user_id FROM audit_events WHERE aggregate_id = ?", UUID.class, consent.toString()))
                .containsExactly(user, user);
        assertThat(jdbc.queryForObject("SELECT user_id FROM audit_events WHERE aggregate_id = ?", UUID.class, clientId))
                .isNull();

        var params = new AuditQueryController.Params(null, null, null, null, null, null, null);
        var mine = (Page<?>) audit.mine(new Caller(user, null, null, null, false), params, null, null)
                .getBody();
        assertThat(mine.items())
                .extracting(entry -> ((AuditEntries.Entry) entry).type())
                .containsExactly("ConsentRevoked", "ConsentGranted");
    }
}
