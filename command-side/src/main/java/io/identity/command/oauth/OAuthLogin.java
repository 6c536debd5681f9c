package io.identity.command.oauth;

import io.identity.command.auth.Authentication;
import io.identity.command.auth.TokenResponse;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.UnlinkExternalIdentity;
import io.identity.command.web.FieldValidation;
import io.identity.events.session.SignInMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;

/**
 * Signing in through an OpenID Connect provider (§3): the flow from the application's redirect to the provider,
 * back through our callback, to a one-time code the application exchanges for our tokens; and linking a provider
 * to a signed-in account. Whatever goes wrong after the flow is known ends at the application's redirect with an
 * OAuth {@code error}, never with a session.
 */
class OAuthLogin {

    private static final int MAX_APP_STATE = 512;

    private final OAuthSettings settings;
    private final OidcProviders providers;
    private final OAuthFlows flows;
    private final OAuthCodes codes;
    private final OAuthLinkCodes linkCodes;
    private final ExternalIdentities identities;
    private final Accounts accounts;
    private final ProviderAccounts providerAccounts;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Authentication authentication;
    private final String publicUrl;
    /** The hosted pages' own ends of a flow, allowed for every provider. */
    private final Set<String> pageRedirects;

    OAuthLogin(
            OAuthSettings settings,
            OidcProviders providers,
            OAuthFlows flows,
            OAuthCodes codes,
            OAuthLinkCodes linkCodes,
            ExternalIdentities identities,
            Accounts accounts,
            ProviderAccounts providerAccounts,
            Commands commands,
            CommandGateway gateway,
            Authentication authentication,
            IdentitySettings identity,
            Set<String> pageRedirects) {
        this.pageRedirects = Set.copyOf(pageRedirects);
        this.settings = settings;
        this.providers = providers;
        this.flows = flows;
        this.codes = codes;
        this.linkCodes = linkCodes;
        this.identities = identities;
        this.accounts = accounts;
        this.providerAccounts = providerAccounts;
        this.commands = commands;
        this.gateway = gateway;
        this.authentication = authentication;
        this.publicUrl = identity.publicUrl();
    }

    /**
     * Starts a flow and tells where the browser goes: the provider's authorization endpoint, or the application's
     * redirect with an error when the provider cannot be reached. {@code 404} for a provider not configured,
     * {@code 400 validation_failed} for a redirect address not allowed. {@code linkUserId}, when set, makes the
     * flow end with a link code for that signed-in user (who was checked by the caller) instead of a sign-in.
     */
    URI authorize(String providerId, String redirectUri, String appState, UUID linkUserId) {
        var provider = checkStart(providerId, redirectUri, appState);
        try {
            var discovered = providers.discover(providerId, provider);
            var started = flows.start(providerId, redirectUri, appState, linkUserId);
            return providers.authorizationUri(
                    discovered, callbackUri(providerId), started.state(), started.nonce(), started.verifier());
        } catch (OAuthFailure failure) {
            return redirect(
                    redirectUri, appState, Map.of("error", failure.error(), "error_description", failure.getMessage()));
        }
    }

    /** What a start must be: a provider configured ({@code 404}), an allowed address, a short state. */
    OAuthSettings.Provider checkStart(String providerId, String redirectUri, String appState) {
        var provider = providers.configured(providerId).orElseThrow(IdentityException::notFound);
        var input = new FieldValidation();
        if (redirectUri == null
                || !settings.redirectUris(provider).contains(redirectUri) && !pageRedirects.contains(redirectUri)) {
            input.reject("redirect_uri", "must be one of the allowed redirect addresses, exactly");
        }
        if (appState != null
                && (appState.length() > MAX_APP_STATE || appState.chars().anyMatch(Character::isISOControl))) {
            input.reject("state", "must have at most " + MAX_APP_STATE + " characters and no control characters");
        }
        input.check();
        return provider;
    }

    /**
     * The provider sent the browser back. Only a state we handed out says where the application is: without one
     * the answer is {@code 400}; with one, every outcome is a redirect there.
     */
    URI callback(String providerId, String state, String code, String error, Locale locale) {
        var provider = providers.configured(providerId).orElseThrow(IdentityException::notFound);
        var flow = flows.take(state)
                .orElseThrow(() -> IdentityException.validation(
                        List.of(new FieldViolation("state", "is not a sign-in we started"))));
        try {
            if (!flow.provider().equals(providerId) || !flow.usable()) {
                throw OAuthFailure.invalid("The sign-in expired, was already completed or belongs elsewhere.");
            }
            if (error != null) {
                throw OAuthFailure.denied("The provider did not sign the person in.");
            }
            if (code == null || code.isBlank()) {
                throw OAuthFailure.invalid("The provider sent no authorization code.");
            }
            var discovered = providers.discover(providerId, provider);
            var person = providers.redeem(discovered, callbackUri(providerId), code, flow.verifier(), flow.nonce());
            if (flow.linkUserId() != null) {
                return redirect(
                        flow.redirectUri(),
                        flow.appState(),
                        Map.of("link_code", linkCode(flow.linkUserId(), providerId, person)));
            }
            var account = providerAccounts.signInOrRegister(providerId, person, locale);
            return redirect(
                    flow.redirectUri(), flow.appState(), Map.of("code", codes.issue(account.userId(), providerId)));
        } catch (OAuthFailure failure) {
            return redirect(
                    flow.redirectUri(),
                    flow.appState(),
                    Map.of("error", failure.error(), "error_description", failure.getMessage()));
        }
    }

    /** Our tokens for a one-time code: {@code 400 invalid_token} when it is unknown, used or expired. */
    Commands.Stored<TokenResponse> exchange(String code) {
        var redeemed = codes.redeem(code).orElseThrow(OAuthLogin::invalidCode);
        var account = accounts.byId(redeemed.userId()).orElseThrow(OAuthLogin::invalidCode);
        return authentication.signIn(account, SignInMethod.OAUTH);
    }

    /** {@code 404} when no account of the provider is linked, {@code 409 conflict} when it is the last way in. */
    Commands.Stored<Object> unlink(UUID userId, String providerId) {
        // a provider since removed from the configuration may still be linked, and can be unlinked
        return commands.send(new UnlinkExternalIdentity(userId, providerId));
    }

    /**
     * The end of a link flow: a one-time code for the user who started it, which links the provider account only
     * when that user presents it ({@link OAuthLinking#complete}). A provider account that signs in another user
     * is refused here already (and again when the code is presented).
     */
    private String linkCode(UUID userId, String providerId, ProviderPerson person) {
        var owner = identities.owner(providerId, person.subject());
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw OAuthFailure.denied("This account of the provider signs in another user.");
        }
        accounts.byId(userId)
                .filter(Account::active)
                .orElseThrow(() -> OAuthFailure.denied("The account is deactivated or gone."));
        return linkCodes.issue(userId, providerId, person.subject(), person.email());
    }

    URI callbackUri(String providerId) {
        return URI.create(publicUrl + "/api/v1/auth/oauth/" + providerId + "/callback");
    }

    /** The application's address with our parameters added (and its own {@code state} given back, if any). */
    static URI redirect(String redirectUri, String appState, Map<String, String> parameters) {
        var all = new LinkedHashMap<>(parameters);
        if (appState != null) {
            all.put("state", appState);
        }
        var target = new StringBuilder(redirectUri);
        var separator = redirectUri.contains("?") ? '&' : '?';
        for (var parameter : all.entrySet()) {
            target.append(separator)
                    .append(parameter.getKey())
                    .append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(target.toString());
    }

    private static IdentityException invalidCode() {
        return new IdentityException(
                ErrorCode.INVALID_TOKEN, HttpStatus.BAD_REQUEST, "The code is unknown, expired or already used.");
    }
}
