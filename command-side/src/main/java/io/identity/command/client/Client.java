package io.identity.command.client;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.client.ClientDeleted;
import io.identity.events.client.ClientRegistered;
import io.identity.events.client.ClientUpdated;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An application registered as a client of the OpenID Connect provider. A public client ({@code none}) has no
 * secret and cannot change into a confidential one, nor back, by an update: its secret was never issued or is
 * already held. A deleted client accepts nothing more.
 */
@Aggregate
class Client {

    @AggregateIdentifier
    private String clientId;

    private boolean publicClient;
    private boolean deleted;

    Client() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Client(RegisterClient command, Clock clock) {
        var metadata = command.metadata();
        apply(new ClientRegistered(
                command.clientId(),
                metadata.clientName(),
                metadata.tokenEndpointAuthMethod(),
                metadata.redirectUris(),
                metadata.postLogoutRedirectUris(),
                metadata.grantTypes(),
                metadata.scopes(),
                command.secretHash(),
                command.registrationTokenHash(),
                clock.instant()));
    }

    @CommandHandler
    void handle(UpdateClient command, Clock clock) {
        if (deleted) {
            throw RegistrationError.token();
        }
        var metadata = command.metadata();
        if (metadata.isPublic() != publicClient) {
            throw RegistrationError.metadata("token_endpoint_auth_method cannot change between none and a secret");
        }
        apply(new ClientUpdated(
                clientId,
                metadata.clientName(),
                metadata.tokenEndpointAuthMethod(),
                metadata.redirectUris(),
                metadata.postLogoutRedirectUris(),
                metadata.grantTypes(),
                metadata.scopes(),
                clock.instant()));
    }

    @CommandHandler
    void handle(DeleteClient command, Clock clock) {
        if (deleted) {
            throw RegistrationError.token();
        }
        apply(new ClientDeleted(clientId, clock.instant()));
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        clientId = event.clientId();
        publicClient = "none".equals(event.tokenEndpointAuthMethod());
    }

    @EventSourcingHandler
    void on(ClientDeleted event) {
        deleted = true;
    }
}
