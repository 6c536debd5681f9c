package io.identity.command.oidc;

import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.session.SessionEndReason;
import java.security.Principal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's authorizations (codes, tokens, consent states) in PostgreSQL, shared by every
 * command-side instance, with no token in clear: each code, access token, refresh token, id_token and consent
 * {@code state} is kept as its SHA-256 only, and found by it. An authorization read back therefore holds a stand-in
 * for each value ({@code {sha256}<hex>}), except the one it was looked up by, which the caller just presented; a
 * stand-in saved again keeps its hash. What else an authorization holds (the authorization request, scopes, token
 * metadata and claims) is JSON written by Spring Security's Jackson modules; the signed-in person is kept as their
 * user id, when they signed in and the pages' session ({@link BrowserSignIn}).
 *
 * <p>A saved authorization whose access token was invalidated (a code used twice, a refresh token revoked) ends
 * the user session its tokens belong to, so that every token issued from it stops working.
 */
class HashedAuthorizations implements OAuth2AuthorizationService {

    private static final String COLUMNS = "id, client_id, principal_name, grant_type, authorized_scopes, attributes, "
            + "auth_time, sign_in_session, session_id, state_hash, "
            + "code_hash, code_issued_at, code_expires_at, code_metadata, "
            + "access_hash, access_issued_at, access_expires_at, access_metadata, access_scopes, "
            + "refresh_hash, refresh_issued_at, refresh_expires_at, refresh_metadata, "
            + "id_token_hash, id_token_issued_at, id_token_expires_at, id_token_metadata";
    /** The row's version, as read: an attribute while the authorization is in hand, never stored among them. */
    static final String VERSION = HashedAuthorizations.class.getName() + ".version";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final JdbcTemplate jdbc;
    private final AuthorizationRows rows;
    private final RegisteredClientRepository clients;
    private final SessionEnding endSession;

    /** Ends a user session (its id, its user's) whose tokens must stop working. */
    interface SessionEnding {
        void end(UUID sessionId, UUID userId, SessionEndReason reason);
    }

    /** @param endSession ends a user session whose tokens must stop working */
    HashedAuthorizations(JdbcTemplate jdbc, RegisteredClientRepository clients, SessionEnding endSession) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.rows = new AuthorizationRows(clients);
        this.endSession = endSession;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        var attributes = new HashMap<>(authorization.getAttributes());
        var version = (Long) attributes.remove(VERSION);
        var principal = attributes.remove(Principal.class.getName());
        var state = (String) attributes.remove(OAuth2ParameterNames.STATE);
        BrowserSignIn signIn = principal instanceof BrowserSignIn person ? person : null;
        var code = authorization.getToken(OAuth2AuthorizationCode.class);
        var access = authorization.getAccessToken();
        var refresh = authorization.getRefreshToken();
        var idToken = authorization.getToken(OidcIdToken.class);
        var sessionId = access == null ? null : AuthorizationRows.sessionOf(access);
        var values = new Object[] {
            authorization.getId(),
            authorization.getRegisteredClientId(),
            authorization.getPrincipalName(),
            authorization.getAuthorizationGrantType().getValue(),
            String.join(",", authorization.getAuthorizedScopes()),
            rows.json(attributes),
            signIn == null || signIn.authTime() == null ? null : Timestamp.from(signIn.authTime()),
            signIn == null ? null : signIn.signInSession(),
            sessionId,
            AuthorizationRows.hash(state),
            AuthorizationRows.hash(code),
            AuthorizationRows.issuedAt(code),
            AuthorizationRows.expiresAt(code),
            rows.metadata(code),
            AuthorizationRows.hash(access),
            AuthorizationRows.issuedAt(access),
            AuthorizationRows.expiresAt(access),
            rows.metadata(access),
            access == null ? null : String.join(",", access.getToken().getScopes()),
            AuthorizationRows.hash(refresh),
            AuthorizationRows.issuedAt(refresh),
            AuthorizationRows.expiresAt(refresh),
            rows.metadata(refresh),
            AuthorizationRows.hash(idToken),
            AuthorizationRows.issuedAt(idToken),
            AuthorizationRows.expiresAt(idToken),
            rows.metadata(idToken),
            Timestamp.from(AuthorizationRows.keptUntil(code, access, refresh, idToken))
        };
        if (version != null) {
            spend(authorization.getId(), AuthorizationRows.hash(refresh));
        }
        if (version == null) {
            jdbc.update(
                    "INSERT INTO oidc_authorizations (" + COLUMNS + ", kept_until) VALUES ("
                            + "?, ".repeat(values.length - 1) + "?)",
                    values);
        } else if (!update(values, version)) {
            // changed meanwhile from the same reading: the other change won (the same code or refresh token
            // presented twice at once), and the tokens of this one are never handed out
            if (sessionId != null && signIn != null) {
                endSession.end(sessionId, signIn.userId(), SessionEndReason.REVOKED);
            }
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The grant was used already.", null));
        }
        if (sessionId != null && access.isInvalidated() && signIn != null) {
            endSession.end(sessionId, signIn.userId(), SessionEndReason.REVOKED);
        }
    }

    /** Writes the change when the row is still at the version it was read at; false when it is not. */
    private boolean update(Object[] values, long version) {
        var assignments = Arrays.stream((COLUMNS + ", kept_until").split(",\\s*"))
                .skip(1)
                .map(column -> column + " = ?")
                .toList();
        var arguments = new ArrayList<Object>(Arrays.asList(values).subList(1, values.length));
        arguments.add(values[0]);
        arguments.add(version);
        return jdbc.update(
                        "UPDATE oidc_authorizations SET " + String.join(", ", assignments)
                                + ", version = version + 1 WHERE id = ? AND version = ?",
                        arguments.toArray())
                > 0;
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.update("DELETE FROM oidc_authorizations WHERE id = ?", authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + ", version FROM oidc_authorizations WHERE id = ?",
                        (rs, i) -> rows.read(rs, null),
                        id)
                .stream()
                .findFirst()
                .orElse(null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType type) {
        if (token == null || token.isEmpty() || token.startsWith(AuthorizationRows.STAND_IN)) {
            return null;
        }
        var hash = OpaqueTokens.hashHex(token);
        List<String> columns;
        if (type == null) {
            columns = List.of("state_hash", "code_hash", "access_hash", "refresh_hash", "id_token_hash");
        } else if (STATE.equals(type)) {
            columns = List.of("state_hash");
        } else if (CODE.equals(type)) {
            columns = List.of("code_hash");
        } else if (OAuth2TokenType.ACCESS_TOKEN.equals(type)) {
            columns = List.of("access_hash");
        } else if (OAuth2TokenType.REFRESH_TOKEN.equals(type)) {
            columns = List.of("refresh_hash");
        } else if (ID_TOKEN.equals(type)) {
            columns = List.of("id_token_hash");
        } else {
            return null;
        }
        for (var column : columns) {
            var found = jdbc.query(
                    "SELECT " + COLUMNS + ", version FROM oidc_authorizations WHERE " + column + " = ?",
                    (rs, i) -> rows.read(rs, new AuthorizationRows.Presented(column, token)),
                    hash);
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        if (type == null || OAuth2TokenType.REFRESH_TOKEN.equals(type)) {
            revokeIfSpent(hash);
        }
        return null;
    }

    /** Records the refresh token the authorization held until now as spent, when this change rotates it away. */
    private void spend(String id, String newRefreshHash) {
        jdbc.update(
                "INSERT INTO oidc_spent_refresh_tokens (refresh_hash, authorization_id) SELECT refresh_hash, id "
                        + "FROM oidc_authorizations WHERE id = ? AND refresh_hash IS NOT NULL "
                        + "AND refresh_hash IS DISTINCT FROM ? ON CONFLICT DO NOTHING",
                id,
                newRefreshHash);
    }

    /**
     * A refresh token rotated away and presented again was copied: whoever holds it, the authorization it came from
     * ends, and the user session its tokens belong to with it. The request itself is {@code invalid_grant}.
     */
    private void revokeIfSpent(String refreshHash) {
        var spent = jdbc.queryForList(
                "SELECT a.id, a.session_id, a.principal_name FROM oidc_spent_refresh_tokens s "
                        + "JOIN oidc_authorizations a ON a.id = s.authorization_id WHERE s.refresh_hash = ?",
                refreshHash);
        for (var row : spent) {
            if (row.get("session_id") instanceof UUID sessionId) {
                endSession.end(
                        sessionId,
                        UUID.fromString((String) row.get("principal_name")),
                        SessionEndReason.REFRESH_TOKEN_REUSED);
            }
            jdbc.update("DELETE FROM oidc_authorizations WHERE id = ?", row.get("id"));
        }
    }

    /** Forgets authorizations nothing of which can be used any more. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    public int purgeExpired() {
        return jdbc.update("DELETE FROM oidc_authorizations WHERE kept_until < now() - interval '1 day'");
    }
}
