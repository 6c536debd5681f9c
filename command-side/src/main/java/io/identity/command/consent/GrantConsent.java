package io.identity.command.consent;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the person allowed the client these scopes (the whole set, in their natural order, once each). */
public record GrantConsent(
        @TargetAggregateIdentifier UUID consentId, UUID userId, String clientId, List<String> scopes) {

    public GrantConsent {
        if (!consentId.equals(Consent.idOf(userId, clientId))) {
            throw new IllegalArgumentException("the consent's id is derived from its person and client");
        }
        scopes = List.copyOf(new TreeSet<>(scopes));
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a consent grants at least one scope");
        }
    }

    public GrantConsent(UUID userId, String clientId, Collection<String> scopes) {
        this(Consent.idOf(userId, clientId), userId, clientId, List.copyOf(scopes));
    }
}
