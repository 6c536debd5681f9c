package io.identity.command.oauth;

import io.identity.command.auth.Authentication;
import io.identity.command.auth.TokenResponse;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.LinkExternalIdentity;
import io.identity.command.user.NewAccounts;
import io.identity.command.user.UnlinkExternalIdentity;
import io.identity.command.web.FieldValidation;
import io.identity.events.session.SignInMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import io.identity.support.problem.IdentityExceptions;
import io.identity.support.request.RequestContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
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
    private static final int ATTEMPTS = 5;

    private final OAuthSettings settings;
    private final OidcProviders providers;
    private final OAuthFlows flows;
    private final OAuthCodes codes;
    private final OAuthLinkCodes linkCodes;
    private final LinkNotice notice;
    private final ExternalIdentities identities;
    private final Accounts accounts;
    private final NewAccounts newAccounts;
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
            LinkNotice notice,
            ExternalIdentities identities,
            Accounts accounts,
            NewAccounts newAccounts,
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
        this.notice = notice;
        this.identities = identities;
        this.accounts = accounts;
        this.newAccounts = newAccounts;
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
            var account = signInOrRegister(providerId, person, locale);
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
     * The person behind the provider's account: the user it is linked to; else the user with the same address,
     * when it counts as verified (the provider verified it and is trusted for addresses) and we verified it too,
     * who gets it linked (and a notice by mail); else a new user, with that address only when it counts as
     * verified, else with none. A lost race (the same account signing in twice at once, a username taken
     * meanwhile) is run again and finds what the winner made.
     */
    private Account signInOrRegister(String providerId, OidcProviders.Person person, Locale locale) {
        for (int attempt = 0; ; attempt++) {
            var round = attempt;
            try {
                var account = commands.run(() -> resolve(providerId, person, locale, round))
                        .result();
                if (!account.active()) {
                    throw OAuthFailure.denied("The account is deactivated.");
                }
                return account;
            } catch (OAuthFailure failure) {
                throw failure;
            } catch (RuntimeException e) {
                var refusal = IdentityExceptions.find(NewAccounts.translate(e));
                var lost = refusal != null && refusal.code() == ErrorCode.USERNAME_TAKEN || isIdentityTaken(e);
                if (lost && attempt + 1 < ATTEMPTS) {
                    continue;
                }
                if (refusal != null && refusal.code() == ErrorCode.EMAIL_TAKEN) {
                    throw OAuthFailure.denied("An account with this email address exists; sign in to it and "
                            + "link the provider from there.");
                }
                if (refusal != null) {
                    throw OAuthFailure.denied(refusal.getMessage());
                }
                throw e;
            }
        }
    }

    private Account resolve(String providerId, OidcProviders.Person person, Locale locale, int attempt) {
        var owner = identities.owner(providerId, person.subject());
        if (owner.isPresent()) {
            return accounts.byId(owner.get()).orElseThrow(() -> OAuthFailure.denied("The account is gone."));
        }
        if (person.email() != null && person.emailVerified()) {
            var existing = accounts.byLogin(null, person.email());
            if (existing.isPresent()) {
                var account = existing.get();
                if (!account.emailVerified()) {
                    throw OAuthFailure.denied("An account with this email address exists but has not verified it; "
                            + "sign in to it and link the provider from there.");
                }
                if (!account.active()) {
                    throw OAuthFailure.denied("The account is deactivated.");
                }
                RequestContext.actor(account.userId());
                Boolean linked = gateway.sendAndWait(
                        new LinkExternalIdentity(account.userId(), providerId, person.subject(), person.email()));
                if (Boolean.TRUE.equals(linked)) {
                    notice.send(account, providerId, locale.toLanguageTag());
                }
                return account;
            }
        }
        // an address that does not count as verified is not the account's: it stays free for its owner
        var fresh = newAccounts.forProvider(
                person.preferredUsername(),
                person.name(),
                person.emailVerified() ? person.email() : null,
                person.email(),
                attempt);
        RequestContext.actor(fresh.userId());
        newAccounts.registerFromProvider(fresh, locale);
        gateway.sendAndWait(new LinkExternalIdentity(fresh.userId(), providerId, person.subject(), person.email()));
        return accounts.byId(fresh.userId()).orElseThrow();
    }

    /**
     * The end of a link flow: a one-time code for the user who started it, which links the provider account only
     * when that user presents it ({@link OAuthLinking#complete}). A provider account that signs in another user
     * is refused here already (and again when the code is presented).
     */
    private String linkCode(UUID userId, String providerId, OidcProviders.Person person) {
        var owner = identities.owner(providerId, person.subject());
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw OAuthFailure.denied("This account of the provider signs in another user.");
        }
        accounts.byId(userId)
                .filter(Account::active)
                .orElseThrow(() -> OAuthFailure.denied("The account is deactivated or gone."));
        return linkCodes.issue(userId, providerId, person.subject(), person.email());
    }

    /** Another user got this provider account linked in a concurrent transaction. */
    static boolean isIdentityTaken(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("external_identities")) {
                return true;
            }
        }
        return false;
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
