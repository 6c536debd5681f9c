package io.identity.command.oidc;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * What {@code /.well-known/openid-configuration} says: the endpoints and choices of this provider as far as they
 * are built (the code flow with PKCE S256, the token endpoint, our JWKS), and the first-party client's password
 * grant as before. Endpoints Spring offers that are not part of this provider yet are left out.
 */
final class Discovery {

    static final List<String> SCOPES = List.of("openid", "profile", "email", "offline_access", "companies");

    private Discovery() {}

    static void describe(OidcProviderConfiguration.Builder document, String issuer) {
        document.issuer(issuer)
                .jwkSetUrl(issuer + "/.well-known/jwks.json")
                .responseTypes(types -> {
                    types.clear();
                    types.add("code");
                })
                .grantTypes(grants -> {
                    grants.clear();
                    grants.addAll(List.of("authorization_code", "refresh_token", "client_credentials", "password"));
                })
                .codeChallengeMethods(methods -> {
                    methods.clear();
                    methods.add("S256");
                })
                .tokenEndpointAuthenticationMethods(methods -> {
                    methods.clear();
                    methods.addAll(List.of("client_secret_basic", "client_secret_post", "none"));
                })
                .subjectTypes(types -> {
                    types.clear();
                    types.add("public");
                })
                .idTokenSigningAlgorithms(algorithms -> {
                    algorithms.clear();
                    algorithms.add("RS256");
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.addAll(SCOPES);
                })
                .claims(claims -> {
                    for (var unbuilt : List.of(
                            "userinfo_endpoint",
                            "end_session_endpoint",
                            "introspection_endpoint",
                            "introspection_endpoint_auth_methods_supported",
                            "revocation_endpoint",
                            "revocation_endpoint_auth_methods_supported",
                            "device_authorization_endpoint",
                            "pushed_authorization_request_endpoint",
                            "registration_endpoint",
                            "dpop_signing_alg_values_supported",
                            "tls_client_certificate_bound_access_tokens")) {
                        claims.remove(unbuilt);
                    }
                    claims.put("authorization_response_iss_parameter_supported", true);
                    claims.put("response_modes_supported", List.of("query"));
                    claims.put(
                            "claims_supported",
                            List.of(
                                    "iss",
                                    "sub",
                                    "aud",
                                    "exp",
                                    "iat",
                                    "auth_time",
                                    "nonce",
                                    "azp",
                                    "jti",
                                    "sid",
                                    "preferred_username",
                                    "email",
                                    "email_verified"));
                });
    }
}
