package io.identity.command.oidc;

import io.identity.command.kernel.OpaqueTokens;
import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

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

    static final String STAND_IN = "{sha256}";
    private static final String COLUMNS = "id, client_id, principal_name, grant_type, authorized_scopes, attributes, "
            + "auth_time, sign_in_session, session_id, state_hash, "
            + "code_hash, code_issued_at, code_expires_at, code_metadata, "
            + "access_hash, access_issued_at, access_expires_at, access_metadata, access_scopes, "
            + "refresh_hash, refresh_issued_at, refresh_expires_at, refresh_metadata, "
            + "id_token_hash, id_token_issued_at, id_token_expires_at, id_token_metadata";
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final JdbcTemplate jdbc;
    private final RegisteredClientRepository clients;
    private final BiConsumer<UUID, UUID> endSession;
    private final JsonMapper json = JsonMapper.builder()
            .addModules(SecurityJacksonModules.getModules(HashedAuthorizations.class.getClassLoader()))
            .build();

    /** @param endSession ends a user session (its id, its user's) whose tokens must stop working */
    HashedAuthorizations(JdbcTemplate jdbc, RegisteredClientRepository clients, BiConsumer<UUID, UUID> endSession) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.endSession = endSession;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        var attributes = new HashMap<>(authorization.getAttributes());
        var principal = attributes.remove(Principal.class.getName());
        var state = (String) attributes.remove(OAuth2ParameterNames.STATE);
        BrowserSignIn signIn = principal instanceof BrowserSignIn person ? person : null;
        var code = authorization.getToken(OAuth2AuthorizationCode.class);
        var access = authorization.getAccessToken();
        var refresh = authorization.getRefreshToken();
        var idToken = authorization.getToken(OidcIdToken.class);
        var sessionId = access == null ? null : sessionOf(access);
        var values = new Object[] {
            authorization.getId(),
            authorization.getRegisteredClientId(),
            authorization.getPrincipalName(),
            authorization.getAuthorizationGrantType().getValue(),
            String.join(",", authorization.getAuthorizedScopes()),
            json.writeValueAsString(attributes),
            signIn == null || signIn.authTime() == null ? null : Timestamp.from(signIn.authTime()),
            signIn == null ? null : signIn.signInSession(),
            sessionId,
            hash(state),
            hash(code),
            issuedAt(code),
            expiresAt(code),
            metadata(code),
            hash(access),
            issuedAt(access),
            expiresAt(access),
            metadata(access),
            access == null ? null : String.join(",", access.getToken().getScopes()),
            hash(refresh),
            issuedAt(refresh),
            expiresAt(refresh),
            metadata(refresh),
            hash(idToken),
            issuedAt(idToken),
            expiresAt(idToken),
            metadata(idToken),
            Timestamp.from(keptUntil(code, access, refresh, idToken))
        };
        var assignments = Arrays.stream((COLUMNS + ", kept_until").split(",\\s*"))
                .skip(1)
                .map(column -> column + " = EXCLUDED." + column)
                .toList();
        jdbc.update(
                "INSERT INTO oidc_authorizations (" + COLUMNS + ", kept_until) VALUES ("
                        + "?, ".repeat(values.length - 1) + "?) ON CONFLICT (id) DO UPDATE SET "
                        + String.join(", ", assignments),
                values);
        if (sessionId != null && access.isInvalidated() && signIn != null) {
            endSession.accept(sessionId, signIn.userId());
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.update("DELETE FROM oidc_authorizations WHERE id = ?", authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM oidc_authorizations WHERE id = ?", (rs, i) -> read(rs, null), id)
                .stream()
                .findFirst()
                .orElse(null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType type) {
        if (token == null || token.isEmpty() || token.startsWith(STAND_IN)) {
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
                    "SELECT " + COLUMNS + " FROM oidc_authorizations WHERE " + column + " = ?",
                    (rs, i) -> read(rs, new Presented(column, token)),
                    hash);
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return null;
    }

    /** Forgets authorizations nothing of which can be used any more. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    public int purgeExpired() {
        return jdbc.update("DELETE FROM oidc_authorizations WHERE kept_until < now() - interval '1 day'");
    }

    /** Forgets every authorization of a user (erasure). */
    public void forgetUser(UUID userId) {
        jdbc.update("DELETE FROM oidc_authorizations WHERE principal_name = ?", userId.toString());
    }

    /** The token value the caller presented, which replaces its stand-in in what is read back. */
    private record Presented(String column, String value) {

        String valueFor(String column, String hash) {
            return this.column.equals(column) ? value : STAND_IN + hash;
        }
    }

    private OAuth2Authorization read(ResultSet rs, Presented presented) throws SQLException {
        var client = clients.findById(rs.getString("client_id"));
        if (client == null) {
            // the client was deleted: nothing it was given counts any more
            return null;
        }
        var given = presented == null ? new Presented("", "") : presented;
        var builder = OAuth2Authorization.withRegisteredClient(client)
                .id(rs.getString("id"))
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
                .authorizedScopes(scopes(rs.getString("authorized_scopes")));
        Map<String, Object> attributes = map(rs.getString("attributes"));
        builder.attributes(all -> all.putAll(attributes));
        var authTime = rs.getTimestamp("auth_time");
        var signInSession = rs.getObject("sign_in_session", UUID.class);
        if (signInSession != null) {
            // a person signed in on the pages (a client speaking for itself has no sign-in session)
            builder.attribute(
                    Principal.class.getName(),
                    new BrowserSignIn(
                            UUID.fromString(rs.getString("principal_name")),
                            signInSession,
                            authTime == null ? null : authTime.toInstant()));
        }
        var state = rs.getString("state_hash");
        if (state != null) {
            builder.attribute(OAuth2ParameterNames.STATE, given.valueFor("state_hash", state));
        }
        var code = rs.getString("code_hash");
        if (code != null) {
            builder.token(
                    new OAuth2AuthorizationCode(
                            given.valueFor("code_hash", code),
                            instant(rs, "code_issued_at"),
                            instant(rs, "code_expires_at")),
                    metadata -> metadata.putAll(map(rs, "code_metadata")));
        }
        var access = rs.getString("access_hash");
        if (access != null) {
            builder.token(
                    new OAuth2AccessToken(
                            OAuth2AccessToken.TokenType.BEARER,
                            given.valueFor("access_hash", access),
                            instant(rs, "access_issued_at"),
                            instant(rs, "access_expires_at"),
                            scopes(rs.getString("access_scopes"))),
                    metadata -> metadata.putAll(map(rs, "access_metadata")));
        }
        var refresh = rs.getString("refresh_hash");
        if (refresh != null) {
            builder.token(
                    new OAuth2RefreshToken(
                            given.valueFor("refresh_hash", refresh),
                            instant(rs, "refresh_issued_at"),
                            instant(rs, "refresh_expires_at")),
                    metadata -> metadata.putAll(map(rs, "refresh_metadata")));
        }
        var idToken = rs.getString("id_token_hash");
        if (idToken != null) {
            Map<String, Object> metadata = map(rs.getString("id_token_metadata"));
            @SuppressWarnings("unchecked")
            var claims = (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
            builder.token(
                    new OidcIdToken(
                            given.valueFor("id_token_hash", idToken),
                            instant(rs, "id_token_issued_at"),
                            instant(rs, "id_token_expires_at"),
                            claims),
                    all -> all.putAll(metadata));
        }
        return builder.build();
    }

    private static UUID sessionOf(OAuth2Authorization.Token<OAuth2AccessToken> access) {
        var claims = access.getClaims();
        var sid = claims == null ? null : claims.get(OidcTokens.SID);
        return sid == null ? null : UUID.fromString(sid.toString());
    }

    private static Set<String> scopes(String joined) {
        return joined == null || joined.isEmpty()
                ? Set.of()
                : new LinkedHashSet<>(StringUtils.commaDelimitedListToSet(joined));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private Map<String, Object> map(ResultSet rs, String column) {
        try {
            return map(rs.getString(column));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> map(String data) {
        if (data == null) {
            return Map.of();
        }
        var type =
                json.getTypeFactory().constructType(new ParameterizedTypeReference<Map<String, Object>>() {}.getType());
        return json.readValue(data, type);
    }

    private static String hash(String value) {
        if (value == null) {
            return null;
        }
        return value.startsWith(STAND_IN) ? value.substring(STAND_IN.length()) : OpaqueTokens.hashHex(value);
    }

    private static String hash(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null ? null : hash(token.getToken().getTokenValue());
    }

    private static Timestamp issuedAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null || token.getToken().getIssuedAt() == null
                ? null
                : Timestamp.from(token.getToken().getIssuedAt());
    }

    private static Timestamp expiresAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null || token.getToken().getExpiresAt() == null
                ? null
                : Timestamp.from(token.getToken().getExpiresAt());
    }

    private String metadata(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null ? null : json.writeValueAsString(token.getMetadata());
    }

    /** The last moment anything of the authorization can be used: its latest expiry, or an hour for a pending one. */
    @SafeVarargs
    private static Instant keptUntil(OAuth2Authorization.Token<? extends OAuth2Token>... tokens) {
        var latest = Instant.now().plusSeconds(3600);
        for (var token : tokens) {
            if (token != null
                    && token.getToken().getExpiresAt() != null
                    && token.getToken().getExpiresAt().isAfter(latest)) {
                latest = token.getToken().getExpiresAt();
            }
        }
        return latest;
    }
}
