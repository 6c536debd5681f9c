package io.identity.command.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured OpenID Connect providers and the protocol with them, through the Nimbus OAuth 2.0 / OpenID
 * Connect SDK: discovery (on first use, kept once it succeeded, so a provider that is down at start-up does not
 * stop us), the authorization request with PKCE (S256), state and nonce, the code exchange and the id_token's
 * validation (signature through the provider's JWKS, {@code iss}, {@code aud}, {@code azp}, {@code exp},
 * {@code iat}, {@code nonce}).
 */
@Component
class OidcProviders {

    private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    /** A provider as discovered: its endpoints and the validator of its id_tokens. */
    record Discovered(
            String id, OAuthSettings.Provider settings, OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    private final OAuthSettings settings;
    private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();

    OidcProviders(OAuthSettings settings) {
        this.settings = settings;
    }

    Optional<OAuthSettings.Provider> configured(String id) {
        return Optional.ofNullable(settings.providers().get(id));
    }

    /** The provider's configuration, discovered now if not yet; a provider we cannot reach denies the sign-in. */
    Discovered discover(String id, OAuthSettings.Provider provider) {
        var known = discovered.get(id);
        if (known != null) {
            return known;
        }
        try {
            var timeout = (int) settings.timeout().toMillis();
            var issuer = new Issuer(provider.issuerUri());
            var metadata = OIDCProviderMetadata.resolve(issuer, timeout, timeout);
            var validator = new IDTokenValidator(
                    metadata.getIssuer(),
                    new ClientID(provider.clientId()),
                    signingAlgorithm(metadata),
                    metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT));
            var fresh = new Discovered(id, provider, metadata, validator);
            discovered.put(id, fresh);
            return fresh;
        } catch (GeneralException | IOException | RuntimeException e) {
            log.warn(
                    "OpenID Connect discovery of provider {} at {} failed: {}", id, provider.issuerUri(), e.toString());
            throw OAuthFailure.denied("The provider cannot be reached; try again later.");
        }
    }

    /** RS256 when offered (every provider must offer it), else the first asymmetric algorithm it names. */
    private static JWSAlgorithm signingAlgorithm(OIDCProviderMetadata metadata) {
        var offered = metadata.getIDTokenJWSAlgs() == null ? List.<JWSAlgorithm>of() : metadata.getIDTokenJWSAlgs();
        if (offered.isEmpty() || offered.contains(JWSAlgorithm.RS256)) {
            return JWSAlgorithm.RS256;
        }
        return offered.stream()
                .filter(alg -> JWSAlgorithm.Family.SIGNATURE.contains(alg))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the provider signs id_tokens with no asymmetric key"));
    }

    URI authorizationUri(Discovered provider, URI callback, String state, String nonce, String verifier) {
        return new AuthenticationRequest.Builder(
                        ResponseType.CODE,
                        scope(provider.settings()),
                        new ClientID(provider.settings().clientId()),
                        callback)
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    private static Scope scope(OAuthSettings.Provider provider) {
        var scope = new Scope("openid");
        provider.scopes().forEach(scope::add);
        return scope;
    }

    /** Exchanges the provider's code (with the flow's verifier) and checks the id_token it returns. */
    ProviderPerson redeem(Discovered provider, URI callback, String code, String verifier, String nonce) {
        var tokens = exchange(provider, callback, code, verifier);
        var idToken = tokens.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw OAuthFailure.invalid("The provider returned no id_token.");
        }
        var person = check(provider, idToken, nonce);
        if (person.email() == null && provider.metadata().getUserInfoEndpointURI() != null) {
            return withUserInfo(provider, person, tokens.getOIDCTokens().getAccessToken());
        }
        return person;
    }

    /**
     * Providers that keep the address out of the id_token give it at their UserInfo endpoint; its answer counts
     * only for the same subject (OpenID Connect Core §5.3.2). A provider that cannot tell leaves it unknown.
     */
    private ProviderPerson withUserInfo(Discovered provider, ProviderPerson person, AccessToken accessToken) {
        try {
            var http = new UserInfoRequest(provider.metadata().getUserInfoEndpointURI(), accessToken).toHTTPRequest();
            var timeout = (int) settings.timeout().toMillis();
            http.setConnectTimeout(timeout);
            http.setReadTimeout(timeout);
            var response = UserInfoResponse.parse(http.send());
            if (!response.indicatesSuccess()) {
                return person;
            }
            var info = response.toSuccessResponse().getUserInfo();
            if (info == null || !person.subject().equals(info.getSubject().getValue())) {
                throw OAuthFailure.invalid("The provider's UserInfo names another subject.");
            }
            return new ProviderPerson(
                    person.subject(),
                    info.getEmailAddress(),
                    provider.settings().trustEmail() && Boolean.TRUE.equals(info.getEmailVerified()),
                    person.name() != null ? person.name() : info.getName(),
                    person.preferredUsername() != null ? person.preferredUsername() : info.getPreferredUsername());
        } catch (IOException | ParseException e) {
            log.info("the UserInfo endpoint of provider {} failed: {}", provider.id(), e.toString());
            return person;
        }
    }

    private OIDCTokenResponse exchange(Discovered provider, URI callback, String code, String verifier) {
        var request = new TokenRequest(
                provider.metadata().getTokenEndpointURI(),
                clientAuthentication(provider),
                new AuthorizationCodeGrant(new AuthorizationCode(code), callback, new CodeVerifier(verifier)));
        try {
            var http = request.toHTTPRequest();
            var timeout = (int) settings.timeout().toMillis();
            http.setConnectTimeout(timeout);
            http.setReadTimeout(timeout);
            var response = OIDCTokenResponseParser.parse(http.send());
            if (response instanceof TokenErrorResponse error) {
                log.info(
                        "provider {} refused the code: {}",
                        provider.id(),
                        error.getErrorObject().getCode());
                throw OAuthFailure.denied("The provider refused the authorization code.");
            }
            return (OIDCTokenResponse) response.toSuccessResponse();
        } catch (IOException e) {
            log.warn(
                    "the token endpoint of provider {} failed: {}",
                    provider.id(),
                    e.getClass().getSimpleName());
            throw OAuthFailure.denied("The provider cannot be reached; try again later.");
        } catch (ParseException | ClassCastException e) {
            throw OAuthFailure.invalid("The provider's token response is not OpenID Connect.");
        }
    }

    /** client_secret_basic unless the provider only takes client_secret_post. */
    private static ClientAuthentication clientAuthentication(Discovered provider) {
        var clientId = new ClientID(provider.settings().clientId());
        var secret = new Secret(
                provider.settings().clientSecret() == null
                        ? ""
                        : provider.settings().clientSecret());
        var methods = provider.metadata().getTokenEndpointAuthMethods();
        if (methods != null
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(clientId, secret);
        }
        return new ClientSecretBasic(clientId, secret);
    }

    /**
     * Everything OpenID Connect Core §3.1.3.7 asks of the client: signature, issuer, audience, expiry, issue time,
     * nonce (by the validator), and an {@code azp}, when present, naming us.
     */
    ProviderPerson check(Discovered provider, JWT idToken, String nonce) {
        try {
            var claims = provider.validator().validate(idToken, new Nonce(nonce));
            var azp = claims.getStringClaim("azp");
            if (azp != null && !azp.equals(provider.settings().clientId())) {
                throw OAuthFailure.invalid("The id_token was issued to another client.");
            }
            var emailVerified =
                    provider.settings().trustEmail() && Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
            return new ProviderPerson(
                    claims.getSubject().getValue(),
                    claims.getStringClaim("email"),
                    emailVerified,
                    claims.getStringClaim("name"),
                    claims.getStringClaim("preferred_username"));
        } catch (BadJOSEException | JOSEException e) {
            // the reason without the values it quotes (a nonce, a subject): "Unexpected JWT nonce (nonce) claim"
            log.info(
                    "an id_token of provider {} was refused: {}",
                    provider.id(),
                    String.valueOf(e.getMessage()).replaceFirst(":.*", ""));
            throw OAuthFailure.invalid("The id_token is not valid.");
        }
    }
}
