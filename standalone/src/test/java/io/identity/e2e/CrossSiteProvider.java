package io.identity.e2e;

import com.nimbusds.oauth2.sdk.TokenRequest;
import io.identity.support.test.TestOidc;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * An OpenID Connect provider as people meet one: on another site than the pages (127.0.0.1, the pages being at
 * localhost), with a sign-in page of its own whose form the person submits there (mock-oauth2-server's interactive
 * login: any username becomes the subject, the claims typed in as JSON go into the id_token). So the way back to
 * the console is a navigation another site started, as it is with a real provider.
 */
final class CrossSiteProvider {

    static final String ISSUER_ID = "cross";
    private static final MockOAuth2Server SERVER = new MockOAuth2Server(
            new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), Set.of(new Issues())));

    static {
        SERVER.start();
    }

    private CrossSiteProvider() {}

    /** Its issuer, at 127.0.0.1 (the provider names itself by the host it is asked at). */
    static String issuer() {
        return SERVER.issuerUrl(ISSUER_ID).toString().replaceFirst("//[^/:]+", "//127.0.0.1");
    }

    /** Tokens for our client, as a real provider issues them; subject and claims come from its sign-in form. */
    private record Issues() implements OAuth2TokenCallback {

        @Override
        public String issuerId() {
            return ISSUER_ID;
        }

        @Override
        public String subject(TokenRequest request) {
            return "nobody";
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return List.of(TestOidc.CLIENT_ID);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return Map.of("azp", request.getClientAuthentication().getClientID().getValue());
        }

        @Override
        public long tokenExpiry() {
            return 3600;
        }
    }
}
