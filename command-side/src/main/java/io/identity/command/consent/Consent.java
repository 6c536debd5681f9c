package io.identity.command.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.client.ConsentGranted;
import io.identity.events.client.ConsentRevoked;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * What a person allowed one application (a client of the OpenID Connect provider), with a stream of its own: one
 * per person and client, its id derived from both ({@link #idOf}), so that granting, revoking and granting again
 * all land in the same stream without a lookup. Granted again with the same scopes changes nothing; with others, the
 * whole new set is recorded. Only what is granted can be revoked.
 */
@Aggregate
class Consent {

    @AggregateIdentifier
    private UUID consentId;

    private UUID userId;
    private String clientId;
    private Set<String> scopes = Set.of();
    private boolean granted;

    Consent() {
        // for Axon: rebuilt from events, or new at a first grant
    }

    /** The consent of a person to a client: a name-based UUID of both, the same on every instance and every day. */
    static UUID idOf(UUID userId, String clientId) {
        return UUID.nameUUIDFromBytes((userId + "\n" + clientId).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(GrantConsent command, Clock clock) {
        if (granted && scopes.equals(Set.copyOf(command.scopes()))) {
            return;
        }
        apply(new ConsentGranted(
                command.consentId(), command.userId(), command.clientId(), command.scopes(), clock.instant()));
    }

    /**
     * A consent never granted, or revoked already, is not found. One never granted has no stream: it is made here
     * only to be refused, and nothing of it is stored.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RevokeConsent command, Clock clock) {
        if (!granted) {
            throw IdentityException.notFound();
        }
        apply(new ConsentRevoked(consentId, userId, clientId, command.reason(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        consentId = event.consentId();
        userId = event.userId();
        clientId = event.clientId();
        scopes = Set.copyOf(event.scopes());
        granted = true;
    }

    @EventSourcingHandler
    void on(ConsentRevoked event) {
        scopes = Set.of();
        granted = false;
    }
}
