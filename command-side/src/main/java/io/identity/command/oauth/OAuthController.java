package io.identity.command.oauth;

import io.identity.command.auth.TokenResponse;
import io.identity.command.mail.MailLocales;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in with OpenID Connect providers (§3): the browser's way through the flow, the application's exchange
 * of the one-time code, and the user's own links to providers.
 */
@RestController
class OAuthController {

    private final OAuthLogin login;
    private final OAuthLinking linking;
    private final OAuthSettings settings;

    OAuthController(OAuthLogin login, OAuthLinking linking, OAuthSettings settings) {
        this.login = login;
        this.linking = linking;
        this.settings = settings;
    }

    record Provider(String id, String displayName) {}

    record Providers(List<Provider> items) {}

    record CodeRequest(String code) {
        @Override
        public String toString() {
            return "CodeRequest[]";
        }
    }

    record LinkRequest(String redirectUri, String state, String currentPassword) {
        @Override
        public String toString() {
            return "LinkRequest[" + redirectUri + "]";
        }
    }

    record LinkCompletion(String linkCode) {
        @Override
        public String toString() {
            return "LinkCompletion[]";
        }
    }

    record LinkStarted(URI authorizationUrl) {}

    /** The providers a sign-in page may offer: by id, with the name people see. */
    @GetMapping("/api/v1/auth/oauth/providers")
    Providers providers() {
        return new Providers(settings.providers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(provider ->
                        new Provider(provider.getKey(), provider.getValue().nameFor(provider.getKey())))
                .toList());
    }

    @GetMapping("/api/v1/auth/oauth/{provider}/authorize")
    ResponseEntity<Void> authorize(
            @PathVariable String provider,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "state", required = false) String state) {
        return found(login.authorize(provider, redirectUri, state, null));
    }

    @GetMapping("/api/v1/auth/oauth/{provider}/callback")
    ResponseEntity<Void> callback(
            @PathVariable String provider,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return found(login.callback(provider, state, code, error, MailLocales.fromAcceptLanguage(language)));
    }

    @PostMapping("/api/v1/auth/oauth/token")
    ResponseEntity<TokenResponse> token(@RequestBody CodeRequest request) {
        var stored = login.exchange(request.code());
        return Responses.tokens(stored);
    }

    /**
     * Starts linking a provider to the signed-in user, who confirms it with their current password: the
     * application sends the browser to the address returned; the flow ends at {@code redirectUri} with a
     * {@code link_code} (or an {@code error}), which links nothing until {@link #completeLink} is called.
     */
    @PostMapping("/api/v1/users/me/identities/{provider}")
    LinkStarted link(Caller caller, @PathVariable String provider, @RequestBody LinkRequest request) {
        return new LinkStarted(
                linking.start(caller, provider, request.redirectUri(), request.state(), request.currentPassword()));
    }

    /** Makes the link, when the caller is the user who started the flow: {@code 204}, else {@code 400}. */
    @PostMapping("/api/v1/users/me/identities/{provider}/complete")
    ResponseEntity<Void> completeLink(
            Caller caller,
            @PathVariable String provider,
            @RequestBody LinkCompletion request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return Responses.noContent(linking.complete(caller, provider, request.linkCode(), language));
    }

    @DeleteMapping("/api/v1/users/me/identities/{provider}")
    ResponseEntity<Void> unlink(Caller caller, @PathVariable String provider) {
        return Responses.noContent(login.unlink(caller.userId(), provider));
    }

    private static ResponseEntity<Void> found(URI location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(location)
                .cacheControl(CacheControl.noStore())
                .build();
    }
}
