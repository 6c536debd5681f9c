package io.identity.command.oidc;

import io.identity.command.consent.ConsentLookup;
import io.identity.command.consent.RevokeConsent;
import io.identity.command.handling.Commands;
import io.identity.events.client.ConsentRevocationReason;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a person granted applications through the provider: their authorizations (and tokens), deleted, and their
 * consents, revoked as events ({@code ConsentRevoked}, erased) so that the audit and the stream see them end.
 */
@Component
public class ClientGrants {

    private final JdbcTemplate jdbc;
    private final ConsentLookup consents;
    private final Commands commands;

    ClientGrants(JdbcTemplate jdbc, ConsentLookup consents, Commands commands) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.commands = commands;
    }

    /** Forgets every authorization and revokes every consent of the person (erasure); call inside its transaction. */
    public void forgetUser(UUID userId) {
        jdbc.update("DELETE FROM oidc_authorizations WHERE principal_name = ?", userId.toString());
        for (var clientId : consents.clientsOf(userId)) {
            commands.send(new RevokeConsent(userId, clientId, ConsentRevocationReason.ERASED));
        }
    }
}
