package io.identity.command.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.events.client.ConsentGranted;
import io.identity.support.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A consent given before consents were events (a row of the lookup and nothing in the store) is recorded as one
 * at start-up, once, and can then be revoked like any other.
 */
class ConsentBackfillTest extends CommandSideTest {

    @Autowired
    private ConsentBackfill backfill;

    @Test
    void aConsentOfAnEarlierVersionBecomesAnEventAndCanBeRevoked() {
        var user = unique("legacy");
        var userId = UUID.fromString(register(user).json().path("userId").asString());
        jdbc.update(
                "INSERT INTO oauth2_authorization_consent (registered_client_id, principal_name, authorities) "
                        + "VALUES ('engines-portal', ?, 'SCOPE_openid,SCOPE_email')",
                userId.toString());
        jdbc.update("DELETE FROM lookup_backfills WHERE name = ?", ConsentBackfill.NAME);

        assertThat(backfill.record()).isGreaterThanOrEqualTo(1);
        var granted = lastEvent(Consent.idOf(userId, "engines-portal").toString(), ConsentGranted.class);
        assertThat(granted.scopes()).containsExactly("email", "openid");
        assertThat(backfill.record()).as("once").isZero();

        var access = login(user).json().path("access_token").asString();
        assertThat(http.delete("/api/v1/users/me/applications/engines-portal", Http.bearer(access))
                        .status())
                .isEqualTo(204);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM oauth2_authorization_consent WHERE principal_name = ?",
                        Long.class,
                        userId.toString()))
                .isZero();
    }
}
