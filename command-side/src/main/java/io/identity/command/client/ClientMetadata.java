package io.identity.command.client;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a client registers (RFC 7591 §2), read by the Nimbus OpenID Connect SDK and held to this provider's rules:
 * only the code flow; grants {@code authorization_code}, {@code refresh_token}, {@code client_credentials};
 * authentication at the token endpoint by {@code client_secret_basic} (the default), {@code client_secret_post}
 * or {@code none} (a public client, which may not use {@code client_credentials}); redirect URIs that are https,
 * http on a loopback address, or a private-use scheme of a native app (RFC 8252), without fragment; scopes among
 * those the provider knows.
 */
public record ClientMetadata(
        String clientName,
        String tokenEndpointAuthMethod,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> grantTypes,
        List<String> scopes) {

    static final Set<String> SCOPES = Set.of("openid", "profile", "email", "offline_access", "companies");
    private static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token", "client_credentials");
    private static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "none");
    private static final int MAX_URIS = 20;
    private static final int MAX_NAME = 200;

    public ClientMetadata {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = List.copyOf(grantTypes);
        scopes = List.copyOf(scopes);
    }

    public boolean isPublic() {
        return "none".equals(tokenEndpointAuthMethod);
    }

    /** The metadata of a registration request's JSON body; a {@link RegistrationError} when it breaks a rule. */
    public static ClientMetadata parse(String json) {
        OIDCClientMetadata metadata;
        try {
            metadata = OIDCClientMetadata.parse(JSONObjectUtils.parse(json == null ? "" : json));
        } catch (ParseException e) {
            var refused = e.getErrorObject() == null ? null : e.getErrorObject().getCode();
            throw "invalid_redirect_uri".equals(refused)
                    ? RegistrationError.redirect(e.getMessage())
                    : RegistrationError.metadata("the body is not client metadata: " + e.getMessage());
        } catch (RuntimeException e) {
            throw RegistrationError.metadata("the body is not client metadata");
        }
        var name = metadata.getName();
        if (name != null
                && (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
            throw RegistrationError.metadata("client_name must be 1 to " + MAX_NAME + " characters, none a control");
        }
        var method = metadata.getTokenEndpointAuthMethod() == null
                ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue()
                : metadata.getTokenEndpointAuthMethod().getValue();
        if (!AUTH_METHODS.contains(method)) {
            throw RegistrationError.metadata("token_endpoint_auth_method must be one of " + AUTH_METHODS);
        }
        var grants = metadata.getGrantTypes() == null
                ? List.of(GrantType.AUTHORIZATION_CODE.getValue())
                : metadata.getGrantTypes().stream()
                        .map(GrantType::getValue)
                        .distinct()
                        .toList();
        if (grants.isEmpty() || !GRANTS.containsAll(grants)) {
            throw RegistrationError.metadata("grant_types must be among " + GRANTS);
        }
        if ("none".equals(method) && grants.contains("client_credentials")) {
            throw RegistrationError.metadata("a public client (token_endpoint_auth_method none) has no credentials");
        }
        if (metadata.getResponseTypes() != null
                && !metadata.getResponseTypes().stream().allMatch(ResponseType.CODE::equals)) {
            throw RegistrationError.metadata("response_types must be [\"code\"]");
        }
        var redirects = uris(metadata.getRedirectionURIs(), "redirect_uris");
        if (grants.contains("authorization_code") && redirects.isEmpty()) {
            throw RegistrationError.redirect("redirect_uris are required for authorization_code");
        }
        var postLogout = uris(metadata.getPostLogoutRedirectionURIs(), "post_logout_redirect_uris");
        var scopes = metadata.getScope() == null
                ? List.of("openid")
                : metadata.getScope().toStringList();
        if (!SCOPES.containsAll(scopes)) {
            throw RegistrationError.metadata("scope must be among " + SCOPES);
        }
        return new ClientMetadata(name, method, redirects, postLogout, grants, scopes);
    }

    private static List<String> uris(Set<URI> given, String field) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_URIS) {
            throw RegistrationError.redirect(field + " may name at most " + MAX_URIS + " addresses");
        }
        var uris = new LinkedHashSet<String>();
        for (var uri : given) {
            if (!allowed(uri)) {
                throw RegistrationError.redirect(field + ": " + uri + " is not an allowed address (https, http on a "
                        + "loopback address, or a private-use scheme; no fragment)");
            }
            uris.add(uri.toString());
        }
        return new ArrayList<>(uris);
    }

    /** https; http on a loopback address (RFC 8252 §7.3); a private-use scheme with a dot (RFC 8252 §7.1). */
    private static boolean allowed(URI uri) {
        if (!uri.isAbsolute() || uri.getFragment() != null || uri.getScheme() == null) {
            return false;
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri.getHost() != null;
        }
        if (scheme.equals("http")) {
            return uri.getHost() != null
                    && Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
        }
        return scheme.contains(".");
    }
}
