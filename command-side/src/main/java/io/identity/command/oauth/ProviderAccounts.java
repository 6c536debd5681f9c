package io.identity.command.oauth;

import io.identity.command.handling.Commands;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.LinkExternalIdentity;
import io.identity.command.user.NewAccounts;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityExceptions;
import io.identity.support.request.RequestContext;
import java.sql.SQLException;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The account a person signs in to through a provider: found by the provider's account, by a verified address
 * (and then linked), or made new.
 */
class ProviderAccounts {

    private static final int ATTEMPTS = 5;

    private final ExternalIdentities identities;
    private final Accounts accounts;
    private final NewAccounts newAccounts;
    private final LinkNotice notice;
    private final Commands commands;
    private final CommandGateway gateway;

    ProviderAccounts(
            ExternalIdentities identities,
            Accounts accounts,
            NewAccounts newAccounts,
            LinkNotice notice,
            Commands commands,
            CommandGateway gateway) {
        this.identities = identities;
        this.accounts = accounts;
        this.newAccounts = newAccounts;
        this.notice = notice;
        this.commands = commands;
        this.gateway = gateway;
    }

    /**
     * The person behind the provider's account: the user it is linked to; else the user with the same address,
     * when it counts as verified (the provider verified it and is trusted for addresses) and we verified it too,
     * who gets it linked (and a notice by mail); else a new user, with that address only when it counts as
     * verified, else with none. A lost race (the same account signing in twice at once, a username taken
     * meanwhile) is run again and finds what the winner made.
     */
    Account signInOrRegister(String providerId, ProviderPerson person, Locale locale) {
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

    private Account resolve(String providerId, ProviderPerson person, Locale locale, int attempt) {
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
}
