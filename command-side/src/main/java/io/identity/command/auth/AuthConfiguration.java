package io.identity.command.auth;

import io.identity.command.credential.PasswordChecks;
import io.identity.command.credential.PasswordHasher;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.session.LiveSessions;
import io.identity.command.user.Accounts;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.EndedSessions;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Signing keys, the tokens signed with them, and signing in. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    /** Seals the secrets kept in the database (private signing keys, sign-in flows' verifiers). */
    @Bean
    MasterKey masterKey(TokenSettings tokens) {
        return new MasterKey(tokens.masterKey());
    }

    @Bean
    SigningKeys signingKeys(
            DatabaseMigrations migrated,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Clock clock,
            TokenSettings tokens,
            MasterKey masterKey) {
        var keys = new SigningKeys(
                jdbc, transactions, masterKey, clock, tokens.keyRotationPeriod(), tokens.keyPublishAhead());
        keys.maintain();
        return keys;
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, Clock clock, IdentitySettings settings, TokenSettings tokens) {
        return new TokenIssuer(keys::signingKey, clock, settings.publicUrl(), tokens.accessLifetime());
    }

    @Bean
    EndedSessions endedSessions(DatabaseMigrations migrated, JdbcTemplate jdbc, TokenSettings tokens) {
        return new EndedSessions(jdbc, LiveSessions.ENDED_SINCE, tokens.accessLifetime(), Duration.ofMillis(500));
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(SigningKeys keys, IdentitySettings settings, EndedSessions ended) {
        return new AccessTokenVerifier(keys::publicKey, settings.publicUrl(), ended);
    }

    @Bean
    Authentication authentication(
            Accounts accounts,
            PasswordHasher hasher,
            PasswordChecks checks,
            Commands commands,
            CommandGateway gateway,
            RefreshTokens refreshTokens,
            LiveSessions sessions,
            TokenIssuer issuer,
            Clock clock,
            TokenSettings tokens,
            SecondFactorGate secondFactors) {
        return new Authentication(
                accounts,
                hasher,
                commands,
                gateway,
                refreshTokens,
                sessions,
                issuer,
                clock,
                tokens.refreshLifetime(),
                checks,
                secondFactors);
    }
}
