package io.identity.command.oauth;

import io.identity.command.auth.Authentication;
import io.identity.console.ConsoleLinks;
import io.identity.command.auth.IdentitySettings;
import io.identity.command.user.Accounts;
import io.identity.command.user.NewAccounts;
import io.identity.command.web.Commands;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import java.time.Clock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires sign-in through OpenID Connect providers from {@code identity.oauth.*}. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

    @Bean
    OAuthFlows oauthFlows(DatabaseMigrations migrated, JdbcTemplate jdbc, MasterKey masterKey, Clock clock,
                          OAuthSettings settings) {
        return new OAuthFlows(jdbc, masterKey, clock, settings.flowLifetime());
    }

    @Bean
    OAuthCodes oauthCodes(DatabaseMigrations migrated, JdbcTemplate jdbc, Clock clock, OAuthSettings settings) {
        return new OAuthCodes(jdbc, clock, settings.codeLifetime());
    }

    @Bean
    OAuthLogin oauthLogin(OAuthSettings settings, OidcProviders providers, OAuthFlows flows, OAuthCodes codes,
                          ExternalIdentities identities, Accounts accounts, NewAccounts newAccounts, Commands commands,
                          CommandGateway gateway, Authentication authentication, IdentitySettings identity,
                          ObjectProvider<ConsoleLinks> pages) {
        var pageRedirects = pages.stream().flatMap(links -> Stream.of(links.signedInThroughProvider(),
                links.linkedProvider())).collect(Collectors.toSet());
        return new OAuthLogin(settings, providers, flows, codes, identities, accounts, newAccounts, commands,
                gateway, authentication, identity, pageRedirects);
    }

    @Bean
    Upkeep oauthUpkeep(OAuthFlows flows, OAuthCodes codes) {
        return new Upkeep(flows, codes);
    }

    /** Ended flows and spent codes go a day after their end; safe on any number of instances at once. */
    record Upkeep(OAuthFlows flows, OAuthCodes codes) {

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT4M")
        void purge() {
            flows.purgeExpired();
            codes.purgeExpired();
        }
    }
}
