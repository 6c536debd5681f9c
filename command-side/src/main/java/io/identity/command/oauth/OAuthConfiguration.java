package io.identity.command.oauth;

import io.identity.command.auth.Authentication;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.mail.Outbox;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.command.user.NewAccounts;
import io.identity.console.ConsoleLinks;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import java.time.Clock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires sign-in through OpenID Connect providers from {@code identity.oauth.*}. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

    @Bean
    OAuthFlows oauthFlows(
            DatabaseMigrations migrated, JdbcTemplate jdbc, MasterKey masterKey, Clock clock, OAuthSettings settings) {
        return new OAuthFlows(jdbc, masterKey, clock, settings.flowLifetime());
    }

    @Bean
    OAuthCodes oauthCodes(DatabaseMigrations migrated, JdbcTemplate jdbc, Clock clock, OAuthSettings settings) {
        return new OAuthCodes(jdbc, clock, settings.codeLifetime());
    }

    /** Link codes live as long as sign-in codes ({@code identity.oauth.code-lifetime}, 60 s). */
    @Bean
    OAuthLinkCodes oauthLinkCodes(
            DatabaseMigrations migrated, JdbcTemplate jdbc, MasterKey masterKey, Clock clock, OAuthSettings settings) {
        return new OAuthLinkCodes(jdbc, masterKey, clock, settings.codeLifetime());
    }

    @Bean
    LinkNotice linkNotice(Outbox outbox) {
        return new LinkNotice(outbox);
    }

    @Bean
    ProviderAccounts providerAccounts(
            ExternalIdentities identities,
            Accounts accounts,
            NewAccounts newAccounts,
            LinkNotice notice,
            Commands commands,
            CommandGateway gateway) {
        return new ProviderAccounts(identities, accounts, newAccounts, notice, commands, gateway);
    }

    @Bean
    OAuthLogin oauthLogin(
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
            ObjectProvider<ConsoleLinks> pages) {
        var pageRedirects = pages.stream()
                .flatMap(links -> Stream.of(links.signedInThroughProvider(), links.linkedProvider()))
                .collect(Collectors.toSet());
        return new OAuthLogin(
                settings,
                providers,
                flows,
                codes,
                linkCodes,
                identities,
                accounts,
                providerAccounts,
                commands,
                gateway,
                authentication,
                identity,
                pageRedirects);
    }

    @Bean
    OAuthLinking oauthLinking(
            OAuthLogin login,
            OidcProviders providers,
            OAuthLinkCodes codes,
            CurrentPassword currentPassword,
            Accounts accounts,
            Commands commands,
            CommandGateway gateway,
            LinkNotice notice,
            Clock clock) {
        return new OAuthLinking(login, providers, codes, currentPassword, accounts, commands, gateway, notice, clock);
    }

    @Bean
    Upkeep oauthUpkeep(OAuthFlows flows, OAuthCodes codes, OAuthLinkCodes linkCodes) {
        return new Upkeep(flows, codes, linkCodes);
    }

    /** Ended flows and spent codes go a day after their end; safe on any number of instances at once. */
    record Upkeep(OAuthFlows flows, OAuthCodes codes, OAuthLinkCodes linkCodes) {

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT4M")
        void purge() {
            flows.purgeExpired();
            codes.purgeExpired();
            linkCodes.purgeExpired();
        }
    }
}
