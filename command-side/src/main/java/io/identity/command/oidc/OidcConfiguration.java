package io.identity.command.oidc;

import io.identity.command.auth.SigningKeys;
import io.identity.command.auth.TokenSettings;
import io.identity.command.client.ClientLookup;
import io.identity.command.company.CompanyMembers;
import io.identity.command.consent.ConsentLookup;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.session.EndSession;
import io.identity.command.session.LiveSessions;
import io.identity.command.user.Accounts;
import io.identity.command.user.ProfileLookup;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
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
    /** Userinfo and RP-initiated logout, under {@code /oauth2/} with the other endpoints. */
    static final String USERINFO = "/oauth2/userinfo";

    static final String LOGOUT = "/oauth2/logout";

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
        return AuthorizationServerSettings.builder()
                .issuer(settings.publicUrl())
                // served by WellKnownController from the same keys; no JWK source is given to the server
                .jwkSetEndpoint("/.well-known/jwks.json")
                .oidcUserInfoEndpoint(USERINFO)
                .oidcLogoutEndpoint(LOGOUT)
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(
            ClientLookup clients, OidcSettings settings, TokenSettings tokens) {
        return new RegisteredClients(clients, settings, tokens.accessLifetime(), tokens.refreshLifetime());
    }

    @Bean
    OAuth2AuthorizationService authorizationService(
            DatabaseMigrations migrated,
            JdbcTemplate jdbc,
            RegisteredClientRepository clients,
            HashedAuthorizations.SessionEnding sessionEnding) {
        return new HashedAuthorizations(jdbc, clients, sessionEnding);
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
            TokenSettings tokens,
            UserClaims claims) {
        return new OidcTokens(accounts, sessions, commands, gateway, clock, tokens.refreshLifetime(), claims);
    }

    /** Signed JWTs for access and id tokens ({@link OidcTokens}), refresh tokens by {@link OfflineRefreshTokens}. */
    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder encoder, OidcTokens customizer) {
        var jwts = new JwtGenerator(encoder);
        jwts.setJwtCustomizer(customizer);
        return new DelegatingOAuth2TokenGenerator(jwts, new OfflineRefreshTokens());
    }

    @Bean
    UserClaims userClaims(ProfileLookup profiles, CompanyMembers members) {
        return new UserClaims(profiles, members);
    }

    @Bean
    UserInfo userInfo(Accounts accounts, LiveSessions sessions, UserClaims claims) {
        return new UserInfo(accounts, sessions, claims);
    }

    /** How the provider's other parts end a user session: a command, in the caller's transaction. */
    @Bean
    HashedAuthorizations.SessionEnding sessionEnding(Commands commands) {
        return (sessionId, userId, reason) -> commands.send(new EndSession(sessionId, userId, reason));
    }

    @Bean
    SignInCookie signInCookie(
            MasterKey masterKey, JsonMapper json, AccessTokenVerifier verifier, LiveSessions sessions, Clock clock) {
        return new SignInCookie(masterKey, json, verifier, sessions, clock);
    }
}
