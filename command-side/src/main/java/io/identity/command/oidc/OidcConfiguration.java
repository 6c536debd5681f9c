package io.identity.command.oidc;

import io.identity.command.auth.SigningKeys;
import io.identity.command.auth.TokenSettings;
import io.identity.command.client.ClientLookup;
import io.identity.command.consent.ConsentLookup;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.session.EndSession;
import io.identity.command.session.LiveSessions;
import io.identity.command.user.Accounts;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect provider (§12), built on Spring Authorization Server: the authorization code flow with PKCE,
 * the token endpoint for registered clients, discovery. It keeps no HTTP session: the browser's sign-in is read
 * from the hosted pages' cookie on each request ({@link SignInCookie}), authorizations live in PostgreSQL with
 * their tokens hashed ({@link HashedAuthorizations}), consents are the {@code Consent} aggregate's events
 * ({@link RecordedConsents}), and tokens are signed with our own keys ({@link SigningKeysJwtEncoder}).
 * Which requests meet Spring Security, and how: {@link OidcSecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    /** The consent page the authorization endpoint sends the browser to. */
    static final String CONSENT_PAGE = "/oauth2/consent";

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
        return AuthorizationServerSettings.builder()
                .issuer(settings.publicUrl())
                // served by WellKnownController from the same keys; no JWK source is given to the server
                .jwkSetEndpoint("/.well-known/jwks.json")
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(
            ClientLookup clients, OidcSettings settings, TokenSettings tokens) {
        return new RegisteredClients(clients, settings, tokens.accessLifetime(), tokens.refreshLifetime());
    }

    @Bean
    OAuth2AuthorizationService authorizationService(
            DatabaseMigrations migrated, JdbcTemplate jdbc, RegisteredClientRepository clients, Commands commands) {
        return new HashedAuthorizations(
                jdbc, clients, (sessionId, userId, reason) -> commands.send(new EndSession(sessionId, userId, reason)));
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(ConsentLookup consents, Commands commands) {
        return new RecordedConsents(consents, commands);
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new SigningKeysJwtEncoder(keys);
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, IdentitySettings settings) {
        return new SigningKeysJwtDecoder(keys, settings.publicUrl());
    }

    @Bean
    OidcTokens oidcTokens(
            Accounts accounts,
            LiveSessions sessions,
            Commands commands,
            CommandGateway gateway,
            Clock clock,
            TokenSettings tokens) {
        return new OidcTokens(accounts, sessions, commands, gateway, clock, tokens.refreshLifetime());
    }

    @Bean
    SignInCookie signInCookie(
            MasterKey masterKey, JsonMapper json, AccessTokenVerifier verifier, LiveSessions sessions) {
        return new SignInCookie(masterKey, json, verifier, sessions);
    }
}
