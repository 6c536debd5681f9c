package io.identity.command;

import io.identity.command.auth.RefreshTokens;
import io.identity.command.auth.SigningKeys;
import io.identity.command.auth.Throttle;
import io.identity.command.stream.Reactions;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;

/** Periodic upkeep, safe on any number of instances at once. */
class Housekeeping {

    private final SigningKeys keys;
    private final RefreshTokens refreshTokens;
    private final List<Throttle> throttles;
    private final Reactions reactions;

    Housekeeping(SigningKeys keys, RefreshTokens refreshTokens, List<Throttle> throttles, Reactions reactions) {
        this.keys = keys;
        this.refreshTokens = refreshTokens;
        this.throttles = throttles;
        this.reactions = reactions;
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

    /** Every throttle's (sign-in, security answers) counts of names quiet for a day go: nothing keeps them longer. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void quietThrottles() {
        throttles.forEach(Throttle::forgetQuiet);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    void oldConsumedEvents() {
        reactions.forgetOld();
    }
}
