package io.identity.command;

import io.identity.command.auth.RefreshTokens;
import io.identity.command.auth.SigningKeys;
import org.springframework.scheduling.annotation.Scheduled;

/** Periodic upkeep, safe on any number of instances at once. */
class Housekeeping {

    private final SigningKeys keys;
    private final RefreshTokens refreshTokens;

    Housekeeping(SigningKeys keys, RefreshTokens refreshTokens) {
        this.keys = keys;
        this.refreshTokens = refreshTokens;
    }

    /** Picks up keys made by other instances, and rotates when the newest key is due. */
    @Scheduled(fixedDelayString = "${identity.tokens.key-check-interval:30s}")
    void signingKeys() {
        keys.maintain();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void expiredRefreshTokens() {
        refreshTokens.purgeExpired();
    }
}
