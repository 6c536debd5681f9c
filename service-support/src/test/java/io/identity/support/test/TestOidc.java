package io.identity.support.test;

import com.nimbusds.oauth2.sdk.TokenRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * One real OpenID Connect provider for every command-side test in the JVM (mock-oauth2-server: discovery, JWKS,
 * authorization and token endpoints, PKCE checked, id_tokens signed per issuer). Each issuer id is a provider;
 * what the next id_token says of the person is set with {@link #nextPerson}.
 */
public final class TestOidc {

    public static final String CLIENT_ID = "identity-client";
    public static final String CLIENT_SECRET = "identity-client-secret";
    /** The application address every test flow ends at. */
    public static final String APP = "https://app.example/signed-in";

    private static final Map<String, Person> NEXT = new ConcurrentHashMap<>();
    private static final MockOAuth2Server SERVER = new MockOAuth2Server(new OAuth2Config(
            false, null, null, false, new OAuth2TokenProvider(), Set.of(new Signs("test"), new Signs("other"))));
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        SERVER.start();
    }

    private TestOidc() {}

    public static String issuer(String provider) {
        return SERVER.issuerUrl(provider).toString();
    }

    /**
     * The person the provider signs in next, and any claim of the id_token to set or forge ({@code iss},
     * {@code aud}, {@code nonce}…); {@code lifetimeSeconds} below zero makes it expired.
     */
    public static void nextPerson(String provider, String subject, Map<String, Object> claims, long lifetimeSeconds) {
        NEXT.put(provider, new Person(subject, Map.copyOf(claims), Map.of(), lifetimeSeconds));
    }

    /**
     * The person the provider signs in next, as a provider that keeps {@code userInfoOnly} out of the id_token
     * and tells them only at its UserInfo endpoint (which answers with the access token's claims).
     */
    public static void nextPersonWithUserInfo(
            String provider, String subject, Map<String, Object> idTokenClaims, Map<String, Object> userInfoOnly) {
        NEXT.put(provider, new Person(subject, Map.copyOf(idTokenClaims), Map.copyOf(userInfoOnly), 3600));
    }

    private record Person(
            String subject, Map<String, Object> claims, Map<String, Object> userInfoOnly, long lifetimeSeconds) {}

    /** What a provider puts in its tokens: the person set last, issued to the client that asked, as real ones do. */
    private record Signs(String provider) implements OAuth2TokenCallback {

        /** The token requests whose id_token is made already: the provider makes it before the access token. */
        private static final Set<TokenRequest> ID_TOKEN_MADE =
                Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

        private Person person() {
            return NEXT.getOrDefault(provider, new Person("nobody", Map.of(), Map.of(), 3600));
        }

        @Override
        public String issuerId() {
            return provider;
        }

        @Override
        public String subject(TokenRequest request) {
            return person().subject();
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return List.of(CLIENT_ID);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            var claims = new HashMap<String, Object>();
            claims.put("azp", request.getClientAuthentication().getClientID().getValue());
            claims.putAll(person().claims());
            if (!ID_TOKEN_MADE.add(request)) {
                claims.putAll(person().userInfoOnly());
            }
            return claims;
        }

        @Override
        public long tokenExpiry() {
            return person().lifetimeSeconds();
        }
    }

    public static void nextPerson(String provider, String subject, Map<String, Object> claims) {
        nextPerson(provider, subject, claims, 3600);
    }

    /**
     * What a browser does at the provider: follows our redirect to its authorization endpoint, where the person
     * is signed in at once, and returns the query the provider sends back to our callback.
     */
    public static Map<String, String> atProvider(String authorizationUrl) {
        try {
            var response = BROWSER.send(
                    HttpRequest.newBuilder(URI.create(authorizationUrl))
                            .GET()
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 302) {
                throw new AssertionError("the provider answered " + response.statusCode() + ": " + response.body());
            }
            return query(response.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An id_token as {@code signer}'s key signs it, whatever it claims: to forge one that names another issuer
     * than the key's, or another client.
     */
    public static String signedBy(String signer, Map<String, Object> claims) {
        return SERVER.getConfig()
                .getTokenProvider()
                .jwt(claims, Duration.ofMinutes(5), signer)
                .serialize();
    }

    /** The decoded query parameters of an address. */
    public static Map<String, String> query(String address) {
        var parameters = new LinkedHashMap<String, String>();
        var query = URI.create(address).getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (var pair : query.split("&")) {
            var at = pair.indexOf('=');
            var key = at < 0 ? pair : pair.substring(0, at);
            var value = at < 0 ? "" : pair.substring(at + 1);
            parameters.put(
                    URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
