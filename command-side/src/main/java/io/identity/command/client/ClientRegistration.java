package io.identity.command.client;

import io.identity.command.consent.ConsentLookup;
import io.identity.command.consent.RevokeConsent;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.client.ConsentRevocationReason;
import io.identity.support.problem.IdentityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dynamic client registration (RFC 7591) and its management (RFC 7592). Registering asks for the operators'
 * initial access token; reading, updating and deleting a client ask for the registration access token issued with
 * it. The client secret and the registration access token are shown once, in the answer to the registration: only
 * their SHA-256 is stored (they are 256 random bits, so a fast hash is enough), and a read cannot show them again.
 * Deleting a client ends the consents people gave it with it.
 */
@Component
class ClientRegistration {

    private final Commands commands;
    private final CommandGateway gateway;
    private final ClientLookup clients;
    private final ConsentLookup consents;
    private final ClientRegistrationSettings settings;
    private final JsonMapper json;
    private final String publicUrl;

    ClientRegistration(
            Commands commands,
            CommandGateway gateway,
            ClientLookup clients,
            ConsentLookup consents,
            ClientRegistrationSettings settings,
            JsonMapper json,
            IdentitySettings identity) {
        this.commands = commands;
        this.gateway = gateway;
        this.clients = clients;
        this.consents = consents;
        this.settings = settings;
        this.json = json;
        this.publicUrl = identity.publicUrl();
    }

    Commands.Stored<Map<String, Object>> register(String authorization, String body) {
        requireEnabled();
        if (!OpaqueTokens.matches(bearer(authorization), OpaqueTokens.hashHex(settings.initialAccessToken()))) {
            throw RegistrationError.token();
        }
        var metadata = ClientMetadata.parse(body);
        var clientId = UUID.randomUUID().toString();
        var secret = metadata.isPublic() ? null : OpaqueTokens.generate();
        var registrationToken = OpaqueTokens.generate();
        var stored = commands.run(() -> {
            gateway.sendAndWait(new RegisterClient(
                    clientId,
                    metadata,
                    secret == null ? null : OpaqueTokens.hashHex(secret),
                    OpaqueTokens.hashHex(registrationToken)));
            return null;
        });
        var registered = clients.find(clientId).orElseThrow();
        var answer = information(registered);
        if (secret != null) {
            answer.put("client_secret", secret);
            answer.put("client_secret_expires_at", 0);
        }
        answer.put("registration_access_token", registrationToken);
        return new Commands.Stored<>(answer, stored.position());
    }

    Map<String, Object> read(String clientId, String authorization) {
        return information(authorized(clientId, authorization));
    }

    /**
     * Replaces the metadata (RFC 7592 §2.2): the body names the client by its {@code client_id}, and may give its
     * {@code client_secret}, which must then be the one it holds.
     */
    Commands.Stored<Map<String, Object>> update(String clientId, String authorization, String body) {
        var registered = authorized(clientId, authorization);
        var fields = tree(body);
        if (!clientId.equals(fields.path("client_id").asString(null))) {
            throw RegistrationError.metadata("client_id must be the client's own");
        }
        var givenSecret = fields.path("client_secret").asString(null);
        if (givenSecret != null
                && !clients.secretHash(clientId)
                        .filter(hash -> OpaqueTokens.matches(givenSecret, hash))
                        .isPresent()) {
            throw RegistrationError.metadata("client_secret is not the client's");
        }
        var metadata = ClientMetadata.parse(body);
        var stored = commands.run(() -> {
            gateway.sendAndWait(new UpdateClient(clientId, metadata));
            return null;
        });
        var updated = new ClientLookup.Registered(
                clientId, metadata, registered.registrationTokenHash(), registered.registeredAt());
        return new Commands.Stored<>(information(updated), stored.position());
    }

    /** Deletes the client and, in the same transaction, revokes every consent people gave it. */
    Commands.Stored<Object> delete(String clientId, String authorization) {
        authorized(clientId, authorization);
        return commands.run(() -> {
            gateway.sendAndWait(new DeleteClient(clientId));
            for (var userId : consents.usersOf(clientId)) {
                gateway.sendAndWait(new RevokeConsent(userId, clientId, ConsentRevocationReason.CLIENT_DELETED));
            }
            return null;
        });
    }

    /** The client, when the bearer token is its registration access token; else {@code 401}, whatever is wrong. */
    private ClientLookup.Registered authorized(String clientId, String authorization) {
        requireEnabled();
        var token = bearer(authorization);
        var registered = clients.find(clientId);
        if (registered.isEmpty()
                || !OpaqueTokens.matches(token, registered.get().registrationTokenHash())) {
            throw RegistrationError.token();
        }
        return registered.get();
    }

    private Map<String, Object> information(ClientLookup.Registered registered) {
        var metadata = registered.metadata();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("client_id", registered.clientId());
        answer.put("client_id_issued_at", registered.registeredAt().getEpochSecond());
        if (metadata.clientName() != null) {
            answer.put("client_name", metadata.clientName());
        }
        answer.put("token_endpoint_auth_method", metadata.tokenEndpointAuthMethod());
        answer.put("redirect_uris", metadata.redirectUris());
        if (!metadata.postLogoutRedirectUris().isEmpty()) {
            answer.put("post_logout_redirect_uris", metadata.postLogoutRedirectUris());
        }
        answer.put("grant_types", metadata.grantTypes());
        answer.put("response_types", List.of("code"));
        answer.put("scope", String.join(" ", metadata.scopes()));
        answer.put("registration_client_uri", publicUrl + "/oauth2/register/" + registered.clientId());
        return answer;
    }

    private JsonNode tree(String body) {
        try {
            var node = json.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw RegistrationError.metadata("the body must be a JSON object");
            }
            return node;
        } catch (RuntimeException e) {
            if (e instanceof RegistrationError error) {
                throw error;
            }
            throw RegistrationError.metadata("the body is not JSON");
        }
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw IdentityException.notFound();
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }
}
