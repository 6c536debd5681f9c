package io.identity.command.oidc;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * What {@code /.well-known/openid-configuration} says (§12): every endpoint of this provider (dynamic registration
 * while it is on), the code flow with PKCE S256, the response modes, prompts, scopes and claims it offers, and the
 * first-party client's password grant. Endpoints Spring has that this provider does not offer are left out.
 */
final class Discovery {

    static final List<String> SCOPES = List.of("openid", "profile", "email", "offline_access", "companies");

    private Discovery() {}

    static void describe(OidcProviderConfiguration.Builder document, String issuer, boolean registration) {
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
                    for (var unoffered : List.of(
                            "device_authorization_endpoint",
                            "pushed_authorization_request_endpoint",
                            "require_pushed_authorization_requests",
                            "dpop_signing_alg_values_supported",
                            "tls_client_certificate_bound_access_tokens")) {
                        claims.remove(unoffered);
                    }
                    claims.put("userinfo_endpoint", issuer + OidcConfiguration.USERINFO);
                    claims.put("end_session_endpoint", issuer + OidcConfiguration.LOGOUT);
                    claims.put("introspection_endpoint", issuer + "/oauth2/introspect");
                    claims.put("revocation_endpoint", issuer + "/oauth2/revoke");
                    for (var endpoint : List.of("introspection", "revocation")) {
                        claims.put(
                                endpoint + "_endpoint_auth_methods_supported",
                                List.of("client_secret_basic", "client_secret_post"));
                    }
                    if (registration) {
                        claims.put("registration_endpoint", issuer + "/oauth2/register");
                    } else {
                        claims.remove("registration_endpoint");
                    }
                    claims.put("prompt_values_supported", List.of("none", "login", "consent"));
                    claims.put("authorization_response_iss_parameter_supported", true);
                    claims.put("response_modes_supported", List.of("query", "form_post"));
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
                                    "amr",
                                    "at_hash",
                                    "preferred_username",
                                    "name",
                                    "given_name",
                                    "family_name",
                                    "picture",
                                    "locale",
                                    "zoneinfo",
                                    "updated_at",
                                    "email",
                                    "email_verified",
                                    "companies"));
                });
    }
}
