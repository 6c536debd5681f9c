package io.identity.command.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a client; its secret and registration access token arrive hashed. */
record RegisterClient(
        @TargetAggregateIdentifier String clientId,
        ClientMetadata metadata,
        String secretHash,
        String registrationTokenHash) {

    @Override
    public String toString() {
        return "RegisterClient[" + clientId + "]";
    }
}
