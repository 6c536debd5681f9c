package io.identity.command.oauth;

import io.identity.command.handling.Commands;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.command.user.LinkExternalIdentity;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.net.URI;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;

/**
 * Linking a provider to a signed-in account (§3 v1.1), in two steps that each need the account's owner: starting
 * needs their current password, and the provider's callback only hands out a one-time link code, which links
 * nothing until the user who started the flow presents it with their own token. So a person who is sent someone
 * else's authorization address, and signs in at the provider there, links nothing to anyone.
 */
class OAuthLinking {

    private final OAuthLogin login;
    private final OidcProviders providers;
    private final OAuthLinkCodes codes;
    private final CurrentPassword currentPassword;
    private final Accounts accounts;
    private final Commands commands;
    private final CommandGateway gateway;
    private final LinkNotice notice;
    private final Clock clock;

    OAuthLinking(
            OAuthLogin login,
            OidcProviders providers,
            OAuthLinkCodes codes,
            CurrentPassword currentPassword,
            Accounts accounts,
            Commands commands,
            CommandGateway gateway,
            LinkNotice notice,
            Clock clock) {
        this.login = login;
        this.providers = providers;
        this.codes = codes;
        this.currentPassword = currentPassword;
        this.accounts = accounts;
        this.commands = commands;
        this.gateway = gateway;
        this.notice = notice;
        this.clock = clock;
    }

    /**
     * The address of the provider to send the browser to. The request is checked first ({@code 404},
     * {@code 400 validation_failed}), then the current password ({@code 400 invalid_credentials}).
     */
    URI start(Caller caller, String providerId, String redirectUri, String appState, String password) {
        login.checkStart(providerId, redirectUri, appState);
        var account = currentPassword.check(caller, password);
        return login.authorize(providerId, redirectUri, appState, account.userId());
    }

    /**
     * Links the provider account a link code names, when the caller is the user who started its flow, through
     * this provider, within the code's lifetime; anything else is {@code 400 invalid_token} and the code is spent
     * all the same. A new link mails a notice to the account's address.
     */
    Commands.Stored<Object> complete(Caller caller, String providerId, String linkCode, String acceptLanguage) {
        providers.configured(providerId).orElseThrow(IdentityException::notFound);
        var presented = codes.spend(linkCode)
                .filter(code -> code.userId().equals(caller.userId())
                        && code.provider().equals(providerId)
                        && clock.instant().isBefore(code.expiresAt()))
                .orElseThrow(OAuthLinking::invalidCode);
        var account =
                accounts.byId(caller.userId()).filter(Account::active).orElseThrow(IdentityException::unauthenticated);
        try {
            return commands.run(() -> {
                Boolean linked = gateway.sendAndWait(
                        new LinkExternalIdentity(account.userId(), providerId, presented.subject(), presented.email()));
                if (Boolean.TRUE.equals(linked)) {
                    notice.send(account, providerId, acceptLanguage);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (ProviderAccounts.isIdentityTaken(e)) {
                throw new IdentityException(ErrorCode.CONFLICT, "This account of the provider signs in another user.");
            }
            throw e;
        }
    }

    private static IdentityException invalidCode() {
        return new IdentityException(
                ErrorCode.INVALID_TOKEN,
                HttpStatus.BAD_REQUEST,
                "The link code is unknown, expired, already used, or not yours.");
    }
}
