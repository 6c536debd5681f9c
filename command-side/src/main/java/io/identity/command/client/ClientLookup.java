package io.identity.command.client;

import io.identity.events.client.ClientDeleted;
import io.identity.events.client.ClientRegistered;
import io.identity.events.client.ClientUpdated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The registered clients as their events leave them, kept in the events' own transaction. */
@Component
@ProcessingGroup(ClientLookup.GROUP)
public class ClientLookup {

    static final String GROUP = "oidc-clients";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ClientLookup(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A client that is registered and not deleted. */
    public record Registered(
            String clientId, ClientMetadata metadata, String registrationTokenHash, Instant registeredAt) {}

    public Optional<Registered> find(String clientId) {
        return jdbc
                .query(
                        "SELECT client_id, metadata, registration_token_hash, registered_at FROM oidc_clients "
                                + "WHERE client_id = ? AND NOT deleted",
                        this::row,
                        clientId)
                .stream()
                .findFirst();
    }

    /** The SHA-256 (hex) of the client's secret; empty for a public client or one that is not registered. */
    public Optional<String> secretHash(String clientId) {
        return jdbc
                .queryForList(
                        "SELECT secret_hash FROM oidc_clients WHERE client_id = ? AND NOT deleted",
                        String.class,
                        clientId)
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    private Registered row(ResultSet rs, int row) throws SQLException {
        return new Registered(
                rs.getString(1),
                json.readValue(rs.getString(2), ClientMetadata.class),
                rs.getString(3),
                rs.getTimestamp(4).toInstant());
    }

    @EventHandler
    void on(ClientRegistered event) {
        var metadata = new ClientMetadata(
                event.clientName(),
                event.tokenEndpointAuthMethod(),
                event.redirectUris(),
                event.postLogoutRedirectUris(),
                event.grantTypes(),
                event.scopes());
        jdbc.update(
                "INSERT INTO oidc_clients (client_id, metadata, secret_hash, registration_token_hash, registered_at) "
                        + "VALUES (?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.clientId(),
                json.writeValueAsString(metadata),
                event.secretHash(),
                event.registrationTokenHash(),
                Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(ClientUpdated event) {
        var metadata = new ClientMetadata(
                event.clientName(),
                event.tokenEndpointAuthMethod(),
                event.redirectUris(),
                event.postLogoutRedirectUris(),
                event.grantTypes(),
                event.scopes());
        jdbc.update(
                "UPDATE oidc_clients SET metadata = ?::jsonb WHERE client_id = ?",
                json.writeValueAsString(metadata),
                event.clientId());
    }

    @EventHandler
    void on(ClientDeleted event) {
        jdbc.update("UPDATE oidc_clients SET deleted = TRUE WHERE client_id = ?", event.clientId());
    }
}
