package io.identity.command.mfa;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.mfa.PasskeyRegistered;
import io.identity.events.mfa.PasskeyRemoved;
import io.identity.events.mfa.RecoveryCodeUsed;
import io.identity.events.mfa.RecoveryCodesGenerated;
import io.identity.events.mfa.SecondFactor;
import io.identity.events.mfa.SecondFactorUsed;
import io.identity.events.mfa.TotpDisabled;
import io.identity.events.mfa.TotpEnabled;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's second factors (§13), a stream of its own beside their User's, its id derived from theirs
 * ({@link #idOf}): the authenticator app switched on and off, the passkeys added and removed, the sets of recovery
 * codes and their use, and each sign-in a second factor finished. The secrets themselves (the app's key, the codes)
 * are never in its events: they are kept sealed or digested beside the store ({@link SecondFactorStore}); so are
 * the passkeys' public keys and counters ({@link PasskeyStore}), which change at every use.
 */
@Aggregate
class SecondFactors {

    @AggregateIdentifier
    private UUID factorsId;

    private UUID userId;
    private boolean totp;
    private int recoveryCodesLeft;
    private final Set<String> passkeys = new HashSet<>();

    /** How many passkeys one person may have: enough for every device, few enough to list. */
    static final int MAX_PASSKEYS = 20;

    SecondFactors() {
        // for Axon: rebuilt from events, or new at a person's first enrolment
    }

    /** A person's second factors: a name-based UUID of their user id, the same on every instance. */
    static UUID idOf(UUID userId) {
        return UUID.nameUUIDFromBytes(("second-factors\n" + userId).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EnableTotp command, Clock clock) {
        if (totp) {
            throw new IdentityException(ErrorCode.CONFLICT, "An authenticator app is set up already; remove it first.");
        }
        apply(new TotpEnabled(command.factorsId(), command.userId(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DisableTotp command, Clock clock) {
        if (!totp) {
            throw IdentityException.notFound();
        }
        apply(new TotpDisabled(factorsId, userId, clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(GenerateRecoveryCodes command, Clock clock) {
        apply(new RecoveryCodesGenerated(command.factorsId(), command.userId(), command.count(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UseRecoveryCode command, Clock clock) {
        apply(new RecoveryCodeUsed(
                command.factorsId(), command.userId(), Math.max(0, recoveryCodesLeft - 1), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterPasskey command, Clock clock) {
        if (passkeys.contains(command.credentialId())) {
            throw new IdentityException(ErrorCode.CONFLICT, "This passkey is registered already.");
        }
        if (passkeys.size() >= MAX_PASSKEYS) {
            throw new IdentityException(
                    ErrorCode.CONFLICT, "There are " + MAX_PASSKEYS + " passkeys already; remove one first.");
        }
        apply(new PasskeyRegistered(
                command.factorsId(),
                command.userId(),
                command.credentialId(),
                command.name(),
                command.aaguid(),
                clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RemovePasskey command, Clock clock) {
        if (!passkeys.contains(command.credentialId())) {
            throw IdentityException.notFound();
        }
        apply(new PasskeyRemoved(factorsId, userId, command.credentialId(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordSecondFactor command, Clock clock) {
        if (command.factor() == SecondFactor.WEBAUTHN && !passkeys.contains(command.credentialId())) {
            // a passkey removed while its sign-in was under way signs no one in
            throw IdentityException.notFound();
        }
        apply(new SecondFactorUsed(
                command.factorsId(), command.userId(), command.factor(), command.credentialId(), clock.instant()));
    }

    @EventSourcingHandler
    void on(TotpEnabled event) {
        factorsId = event.factorsId();
        userId = event.userId();
        totp = true;
    }

    @EventSourcingHandler
    void on(TotpDisabled event) {
        totp = false;
    }

    @EventSourcingHandler
    void on(PasskeyRegistered event) {
        factorsId = event.factorsId();
        userId = event.userId();
        passkeys.add(event.credentialId());
    }

    @EventSourcingHandler
    void on(PasskeyRemoved event) {
        passkeys.remove(event.credentialId());
    }

    @EventSourcingHandler
    void on(RecoveryCodesGenerated event) {
        factorsId = event.factorsId();
        userId = event.userId();
        recoveryCodesLeft = event.count();
    }

    @EventSourcingHandler
    void on(RecoveryCodeUsed event) {
        recoveryCodesLeft = event.left();
    }

    @EventSourcingHandler
    void on(SecondFactorUsed event) {
        factorsId = event.factorsId();
        userId = event.userId();
    }
}
