package io.identity.command.mfa;

import io.identity.command.auth.SecondFactorGate;
import io.identity.events.session.SignInMethod;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The gate between a right password and a session, for people with a second factor (§13). */
@Component
class SecondFactorChallenges implements SecondFactorGate {

    private final SecondFactorStore store;
    private final PasskeyStore passkeys;
    private final Clock clock;

    SecondFactorChallenges(SecondFactorStore store, PasskeyStore passkeys, Clock clock) {
        this.store = store;
        this.passkeys = passkeys;
        this.clock = clock;
    }

    @Override
    public List<String> factorsOf(UUID userId) {
        return store.factorsOf(userId, passkeys.any(userId) ? List.of("webauthn") : List.of());
    }

    @Override
    public String challenge(UUID userId, SignInMethod firstFactor) {
        return store.challenge(userId, firstFactor, clock.instant());
    }
}
