package io.identity.command.oidc;

import io.identity.command.kernel.OpaqueTokens;
import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * An authorization as a row of {@code oidc_authorizations} and back: every code, token and state only as its SHA-256;
 * what is read back holds a stand-in for each value the caller did not present, and saving a stand-in keeps its hash.
 */
final class AuthorizationRows {

    static final String STAND_IN = "{sha256}";

    private final JsonMapper json = JsonMapper.builder()
            .addModules(SecurityJacksonModules.getModules(AuthorizationRows.class.getClassLoader()))
            .build();
    private final RegisteredClientRepository clients;

    AuthorizationRows(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    /** The attributes as stored. */
    String json(Map<String, Object> attributes) {
        return json.writeValueAsString(storable(attributes));
    }

    /**
     * A value as Spring's reader takes it back: its type allow-list knows the common mutable collections, not
     * {@code List.of}'s or {@code Map.of}'s, nor {@code Long} inside a map; so collections are copied into those,
     * recursively.
     */
    static Object storable(Object value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, storable(v)));
            return copy;
        }
        if (value instanceof Set<?> set) {
            var copy = new LinkedHashSet<Object>();
            set.forEach(v -> copy.add(storable(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            var copy = new ArrayList<Object>();
            list.forEach(v -> copy.add(storable(v)));
            return copy;
        }
        return value;
    }

    /** The token value the caller presented, which replaces its stand-in in what is read back. */
    record Presented(String column, String value) {

        String valueFor(String column, String hash) {
            return this.column.equals(column) ? value : STAND_IN + hash;
        }
    }

    OAuth2Authorization read(ResultSet rs, Presented presented) throws SQLException {
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
        builder.attribute(HashedAuthorizations.VERSION, rs.getLong("version"));
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

    static UUID sessionOf(OAuth2Authorization.Token<OAuth2AccessToken> access) {
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

    static String hash(String value) {
        if (value == null) {
            return null;
        }
        return value.startsWith(STAND_IN) ? value.substring(STAND_IN.length()) : OpaqueTokens.hashHex(value);
    }

    static String hash(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null ? null : hash(token.getToken().getTokenValue());
    }

    static Timestamp issuedAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null || token.getToken().getIssuedAt() == null
                ? null
                : Timestamp.from(token.getToken().getIssuedAt());
    }

    static Timestamp expiresAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null || token.getToken().getExpiresAt() == null
                ? null
                : Timestamp.from(token.getToken().getExpiresAt());
    }

    String metadata(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null ? null : json.writeValueAsString(storable(token.getMetadata()));
    }

    /** The last moment anything of the authorization can be used: its latest expiry, or an hour for a pending one. */
    @SafeVarargs
    static Instant keptUntil(OAuth2Authorization.Token<? extends OAuth2Token>... tokens) {
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
