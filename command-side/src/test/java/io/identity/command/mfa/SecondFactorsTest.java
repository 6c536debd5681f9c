package io.identity.command.mfa;

import io.identity.events.mfa.PasskeyRegistered;
import io.identity.events.mfa.PasskeyRemoved;
import io.identity.events.mfa.RecoveryCodeUsed;
import io.identity.events.mfa.RecoveryCodesGenerated;
import io.identity.events.mfa.SecondFactor;
import io.identity.events.mfa.SecondFactorUsed;
import io.identity.events.mfa.TotpDisabled;
import io.identity.events.mfa.TotpEnabled;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecondFactorsTest {

    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-0000000000ad");
    private static final UUID ID = SecondFactors.idOf(ADA);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private AggregateTestFixture<SecondFactors> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SecondFactors.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theAppIsSwitchedOnOnceAndOff() {
        fixture.givenNoPriorActivity().when(new EnableTotp(ADA)).expectEvents(new TotpEnabled(ID, ADA, NOW));
        fixture.given(new TotpEnabled(ID, ADA, NOW)).when(new EnableTotp(ADA)).expectException(IdentityException.class);
        fixture.given(new TotpEnabled(ID, ADA, NOW))
                .when(new DisableTotp(ADA))
                .expectEvents(new TotpDisabled(ID, ADA, NOW));
        fixture.given(new TotpEnabled(ID, ADA, NOW), new TotpDisabled(ID, ADA, NOW))
                .when(new DisableTotp(ADA))
                .expectException(IdentityException.class);
    }

    @Test
    void recoveryCodesAreCountedDownAsTheyAreUsed() {
        fixture.given(new TotpEnabled(ID, ADA, NOW), new RecoveryCodesGenerated(ID, ADA, 10, NOW))
                .when(new UseRecoveryCode(ADA))
                .expectEvents(new RecoveryCodeUsed(ID, ADA, 9, NOW));
        fixture.given(new RecoveryCodesGenerated(ID, ADA, 10, NOW), new RecoveryCodeUsed(ID, ADA, 9, NOW))
                .when(new GenerateRecoveryCodes(ADA, 10))
                .expectEvents(new RecoveryCodesGenerated(ID, ADA, 10, NOW));
    }

    @Test
    void aSignInWithASecondFactorIsRecorded() {
        fixture.given(new TotpEnabled(ID, ADA, NOW))
                .when(new RecordSecondFactor(ADA, SecondFactor.TOTP, null))
                .expectEvents(new SecondFactorUsed(ID, ADA, SecondFactor.TOTP, null, NOW));
    }

    private static final String KEY = "AbCdEf0123456789_-AbCdEf";

    private static PasskeyRegistered registered(String credentialId) {
        return new PasskeyRegistered(ID, ADA, credentialId, "Laptop", null, NOW);
    }

    @Test
    void aPasskeyIsRegisteredOnceAndRemovedOnce() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPasskey(ADA, KEY, "Laptop", null))
                .expectEvents(registered(KEY));
        fixture.given(registered(KEY))
                .when(new RegisterPasskey(ADA, KEY, "Again", null))
                .expectException(IdentityException.class);
        fixture.given(registered(KEY))
                .when(new RemovePasskey(ADA, KEY))
                .expectEvents(new PasskeyRemoved(ID, ADA, KEY, NOW));
        fixture.given(registered(KEY), new PasskeyRemoved(ID, ADA, KEY, NOW))
                .when(new RemovePasskey(ADA, KEY))
                .expectException(IdentityException.class);
        fixture.given(registered(KEY), new PasskeyRemoved(ID, ADA, KEY, NOW))
                .when(new RegisterPasskey(ADA, KEY, "Laptop", null))
                .expectEvents(registered(KEY));
    }

    @Test
    void anotherPersonsOrAnUnknownPasskeyCannotBeRemoved() {
        fixture.given(registered(KEY))
                .when(new RemovePasskey(ADA, "c29tZS1vdGhlci1rZXk"))
                .expectException(IdentityException.class);
        fixture.givenNoPriorActivity().when(new RemovePasskey(ADA, KEY)).expectException(IdentityException.class);
    }

    @Test
    void noMoreThanTwentyPasskeys() {
        var given = new ArrayList<Object>();
        for (var i = 0; i < SecondFactors.MAX_PASSKEYS; i++) {
            given.add(registered("key-" + i));
        }
        fixture.given(given)
                .when(new RegisterPasskey(ADA, KEY, "One too many", null))
                .expectException(IdentityException.class);
        given.add(new PasskeyRemoved(ID, ADA, "key-0", NOW));
        fixture.given(given).when(new RegisterPasskey(ADA, KEY, "Laptop", null)).expectEvents(registered(KEY));
    }

    @Test
    void aSignInWithAPasskeyIsRecordedOnlyWhileThePasskeyIsRegistered() {
        fixture.given(registered(KEY))
                .when(new RecordSecondFactor(ADA, SecondFactor.WEBAUTHN, KEY))
                .expectEvents(new SecondFactorUsed(ID, ADA, SecondFactor.WEBAUTHN, KEY, NOW));
        fixture.given(registered(KEY), new PasskeyRemoved(ID, ADA, KEY, NOW))
                .when(new RecordSecondFactor(ADA, SecondFactor.WEBAUTHN, KEY))
                .expectException(IdentityException.class);
    }
}
