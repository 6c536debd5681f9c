package io.identity.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The profile lookup of the OpenID Connect provider's claims follows the events, and is filled once from the
 * events stored before it existed (whose profile fields are sealed, so no migration can read them).
 */
class ProfileLookupBackfillTest extends CommandSideTest {

    @Autowired
    private ProfileLookupBackfill backfill;

    @Autowired
    private ProfileLookup profiles;

    @Test
    void theLookupFollowsTheEventsAndIsFilledFromThoseStoredBeforeIt() {
        var user = unique("profile");
        var userId = UUID.fromString(register(user).json().path("userId").asString());
        var access = login(user).json().path("access_token").asString();
        var changed = http.patch(
                "/api/v1/users/me/profile",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "avatarUrl", "https://example.com/ada.png"),
                "Authorization",
                "Bearer " + access);
        assertThat(changed.status()).as(changed.body()).isLessThan(300);
        var profile = profiles.of(userId).orElseThrow();
        assertThat(profile.firstName()).isEqualTo("Ada");
        assertThat(profile.lastName()).isEqualTo("Lovelace");
        assertThat(profile.avatarUrl()).isEqualTo("https://example.com/ada.png");

        // as if the lookup came with an upgrade: filled from the store
        jdbc.update("DELETE FROM profile_lookup WHERE user_id = ?", userId);
        jdbc.update("DELETE FROM lookup_backfills WHERE name = ?", ProfileLookupBackfill.NAME);
        assertThat(backfill.fill()).isPositive();
        var filled = profiles.of(userId).orElseThrow();
        assertThat(filled.firstName()).isEqualTo("Ada");
        assertThat(filled.lastName()).isEqualTo("Lovelace");
        assertThat(backfill.fill()).as("once").isZero();
    }
}
