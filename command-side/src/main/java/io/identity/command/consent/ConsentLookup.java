package io.identity.command.consent;

import io.identity.events.client.ConsentGranted;
import io.identity.events.client.ConsentRevoked;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consents granted and not revoked, as their events leave them, kept in the events' own transaction: the table
 * {@code oauth2_authorization_consent}, in the shape Spring Authorization Server gives a consent (the client, the
 * person's id as the principal's name, the scopes as authorities {@code SCOPE_<scope>}, comma-separated), which the
 * provider reads on every authorization.
 */
@Component
@ProcessingGroup(ConsentLookup.GROUP)
public class ConsentLookup {

    static final String GROUP = "oidc-consents";
    private static final String SCOPE = "SCOPE_";

    private final JdbcTemplate jdbc;

    ConsentLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The scopes the person allowed the client; empty when they allowed it nothing. */
    public Optional<List<String>> scopes(UUID userId, String clientId) {
        return jdbc
                .queryForList(
                        "SELECT authorities FROM oauth2_authorization_consent "
                                + "WHERE registered_client_id = ? AND principal_name = ?",
                        String.class,
                        clientId,
                        userId.toString())
                .stream()
                .findFirst()
                .map(ConsentLookup::scopes);
    }

    /** The clients the person allowed something. */
    public List<String> clientsOf(UUID userId) {
        return jdbc.queryForList(
                "SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ? ORDER BY 1",
                String.class,
                userId.toString());
    }

    /** The people who allowed the client something. */
    public List<UUID> usersOf(String clientId) {
        return jdbc
                .queryForList(
                        "SELECT principal_name FROM oauth2_authorization_consent WHERE registered_client_id = ? "
                                + "ORDER BY 1",
                        String.class,
                        clientId)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    /** {@code SCOPE_email,SCOPE_openid} as the scopes, without the prefix; other authorities are none of ours. */
    public static List<String> scopes(String authorities) {
        return Arrays.stream(authorities.split(","))
                .map(String::strip)
                .filter(authority -> authority.startsWith(SCOPE))
                .map(authority -> authority.substring(SCOPE.length()))
                .toList();
    }

    @EventHandler
    void on(ConsentGranted event) {
        jdbc.update(
                "INSERT INTO oauth2_authorization_consent (registered_client_id, principal_name, authorities) "
                        + "VALUES (?, ?, ?) ON CONFLICT (registered_client_id, principal_name) "
                        + "DO UPDATE SET authorities = EXCLUDED.authorities",
                event.clientId(),
                event.userId().toString(),
                event.scopes().stream().map(scope -> SCOPE + scope).collect(Collectors.joining(",")));
    }

    @EventHandler
    void on(ConsentRevoked event) {
        jdbc.update(
                "DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ? AND principal_name = ?",
                event.clientId(),
                event.userId().toString());
    }
}
