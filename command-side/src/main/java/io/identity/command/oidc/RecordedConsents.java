package io.identity.command.oidc;

import io.identity.command.consent.ConsentLookup;
import io.identity.command.consent.GrantConsent;
import io.identity.command.consent.RevokeConsent;
import io.identity.command.handling.Commands;
import io.identity.events.client.ConsentRevocationReason;
import io.identity.support.request.RequestContext;
import java.util.UUID;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * Spring Authorization Server's memory of consents, as the {@code Consent} aggregate's events: what the person
 * allows on the consent page is a {@code GrantConsent} (the whole set of scopes, the earlier ones included, as Spring
 * hands it over), what they take back there a {@code RevokeConsent}, each in a transaction of its own whose lookup
 * row ({@link ConsentLookup}) is the one read here. Spring calls both only for the person deciding on the page, so
 * they are the actor. Authorities other than scopes are not kept: nothing here grants any.
 */
final class RecordedConsents implements OAuth2AuthorizationConsentService {

    private final ConsentLookup consents;
    private final Commands commands;

    RecordedConsents(ConsentLookup consents, Commands commands) {
        this.consents = consents;
        this.commands = commands;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        var userId = UUID.fromString(consent.getPrincipalName());
        RequestContext.actor(userId);
        commands.send(new GrantConsent(userId, consent.getRegisteredClientId(), consent.getScopes()));
    }

    /** What is not granted (any more) is forgotten already. */
    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        var userId = UUID.fromString(consent.getPrincipalName());
        if (consents.scopes(userId, consent.getRegisteredClientId()).isEmpty()) {
            return;
        }
        RequestContext.actor(userId);
        commands.send(new RevokeConsent(userId, consent.getRegisteredClientId(), ConsentRevocationReason.BY_USER));
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        UUID userId;
        try {
            userId = UUID.fromString(principalName);
        } catch (IllegalArgumentException notAPerson) {
            return null;
        }
        return consents.scopes(userId, registeredClientId)
                .filter(scopes -> !scopes.isEmpty())
                .map(scopes -> {
                    var consent = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
                    scopes.forEach(consent::scope);
                    return consent.build();
                })
                .orElse(null);
    }
}
