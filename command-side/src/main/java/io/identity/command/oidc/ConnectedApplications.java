package io.identity.command.oidc;

import io.identity.command.consent.ConsentLookup;
import io.identity.command.consent.RevokeConsent;
import io.identity.command.handling.Commands;
import io.identity.command.session.EndSession;
import io.identity.events.client.ConsentRevocationReason;
import io.identity.events.session.SessionEndReason;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The applications a person allowed to sign them in (§12): each client with the scopes they consented to. Revoking
 * one revokes the consent ({@code ConsentRevoked}, by the user), so the next sign-in asks again, and ends every
 * authorization of the client for the person and the sessions their tokens belong to, so its refresh tokens stop at
 * once and its access tokens within seconds: one transaction.
 */
@Component
class ConnectedApplications {

    private final JdbcTemplate jdbc;
    private final Commands commands;

    ConnectedApplications(JdbcTemplate jdbc, Commands commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    /** One application: its client id, the name it registered (else its id), the scopes allowed. */
    record Application(String clientId, String name, List<String> scopes) {}

    List<Application> of(UUID userId) {
        return jdbc.query(
                "SELECT c.registered_client_id, coalesce(o.metadata->>'clientName', c.registered_client_id), "
                        + "c.authorities FROM oauth2_authorization_consent c JOIN oidc_clients o "
                        + "ON o.client_id = c.registered_client_id AND NOT o.deleted "
                        + "WHERE c.principal_name = ? ORDER BY 2, 1",
                (rs, i) -> new Application(rs.getString(1), rs.getString(2), ConsentLookup.scopes(rs.getString(3))),
                userId.toString());
    }

    /** {@code 404} when the person allowed the client nothing. */
    Commands.Stored<Object> revoke(UUID userId, String clientId) {
        return commands.run(() -> {
            commands.send(new RevokeConsent(userId, clientId, ConsentRevocationReason.BY_USER));
            var sessions = jdbc.queryForList(
                    "DELETE FROM oidc_authorizations WHERE principal_name = ? AND client_id = ? RETURNING session_id",
                    UUID.class,
                    userId.toString(),
                    clientId);
            sessions.removeIf(Objects::isNull);
            for (var sessionId : sessions) {
                commands.send(new EndSession(sessionId, userId, SessionEndReason.REVOKED));
            }
            return null;
        });
    }
}
