package io.identity.command.oidc;

import io.identity.command.auth.TokenSettings;
import io.identity.command.client.ClientRegistrationSettings;
import io.identity.command.kernel.IdentitySettings;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security's filter runs only on the provider's paths ({@link #PATHS}); everything else never meets it.
 * There, two chains: the authorization server's, for its endpoints except the first-party client's password and
 * refresh_token requests at {@code /oauth2/token}, which keep reaching {@code OAuthTokenController}; and a
 * stateless permit-all chain (no CSRF, no session, no login page, no HTTP basic, no logout, no headers of its own)
 * for the rest (those token requests, dynamic registration, the consent page).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class OidcSecurityConfiguration {

    /** The paths Spring Security's filter is registered for: the provider's endpoints and pages. */
    static final List<String> PATHS =
            List.of("/oauth2/*", "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server");

    @Bean
    DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
        var registration = new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        registration.setOrder(-100);
        registration.setUrlPatterns(PATHS);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        return registration;
    }

    /**
     * Endpoints Spring Authorization Server has that this provider does not offer (the device and
     * pushed-authorization flows are not part of §12; the keys are at {@code /.well-known/jwks.json}): they answer
     * {@code 404} like any unknown path.
     */
    static final RequestMatcher NOT_OFFERED = new OrRequestMatcher(
            Stream.of("/oauth2/par", "/oauth2/device_authorization", "/oauth2/device_verification", "/oauth2/jwks")
                    .map(path -> (RequestMatcher)
                            PathPatternRequestMatcher.withDefaults().matcher(path))
                    .toList());

    /** The authorization server's endpoints, but for the first-party client's requests at the token endpoint. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(
            HttpSecurity http,
            SignInCookie signIn,
            IdentitySettings settings,
            TokenSettings tokens,
            ClientRegistrationSettings registration,
            ProviderEndpoints endpoints)
            throws Exception {
        var server = new OAuth2AuthorizationServerConfigurer();
        var responses = new AuthorizationResponses(settings.publicUrl(), endpoints.authorizations());
        server.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationEndpointFilter>() {
            @Override
            public <O extends OAuth2AuthorizationEndpointFilter> O postProcess(O filter) {
                // Spring's OpenID Connect set-up records each sign-in in an HTTP session (for its logout); we
                // keep none: the browser's sign-in is the pages' cookie
                filter.setSessionAuthenticationStrategy((authentication, request, response) -> {});
                return filter;
            }
        });
        http.securityMatcher(new AndRequestMatcher(
                        server.getEndpointsMatcher(),
                        new NegatedRequestMatcher(firstPartyTokenRequest(Set.copyOf(tokens.clientIds()))),
                        new NegatedRequestMatcher(NOT_OFFERED)))
                .with(
                        server,
                        as -> as.oidc(oidc -> oidc.providerConfigurationEndpoint(
                                                discovery -> discovery.providerConfigurationCustomizer(
                                                        document -> Discovery.describe(
                                                                document,
                                                                settings.publicUrl(),
                                                                registration.enabled())))
                                        .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(endpoints.userInfo())
                                                .errorResponseHandler(endpoints.userInfo()))
                                        .logoutEndpoint(logout -> logout.logoutResponseHandler(endpoints.logout())
                                                .errorResponseHandler(endpoints.logout())
                                                .authenticationProviders(endpoints::logoutRequests)))
                                .clientAuthentication(clients -> clients.authenticationProviders(providers -> {
                                            providers.forEach(provider -> {
                                                if (provider instanceof ClientSecretAuthenticationProvider secrets) {
                                                    secrets.setPasswordEncoder(RegisteredClients.SECRETS);
                                                }
                                            });
                                            providers.add(0, endpoints.publicClientRefresh());
                                        })
                                        .authenticationConverters(
                                                converters -> converters.add(new PublicClientRefresh.Converter())))
                                .tokenIntrospectionEndpoint(introspection ->
                                        introspection.authenticationProviders(endpoints::introspection))
                                .tokenRevocationEndpoint(
                                        revocation -> revocation.authenticationProviders(endpoints::revocation))
                                .authorizationEndpoint(authorize -> authorize
                                        .consentPage(OidcConfiguration.CONSENT_PAGE)
                                        .authorizationResponseHandler(responses)
                                        .errorResponseHandler(responses)
                                        .authenticationProviders(Prompts::consentWhenAsked)
                                        .authorizationRequestConverters(
                                                converters -> converters.add(0, new ConsentDecision()))))
                .oauth2ResourceServer(resources -> resources.jwt(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(signIn))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(new SignInFirst(responses, endpoints.clock())));
        return http.build();
    }

    /** Everything else under {@link #PATHS}: as if Spring Security were not there. */
    @Bean
    @Order(2)
    SecurityFilterChain everythingElseChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .anonymous(Customizer.withDefaults());
        return http.build();
    }

    /**
     * A request for {@code OAuthTokenController}, the first-party public client's token endpoint of §3 (password and
     * refresh_token grants): the token endpoint, no client authentication at all (no {@code Authorization} header,
     * no {@code client_secret}, no {@code client_assertion}), and a first-party {@code client_id} or none. It answers
     * them as it always has, including its refusals ({@code unsupported_grant_type}, {@code invalid_request}).
     * Every other token request (a registered client's, authenticated or naming its own id) is the authorization
     * server's.
     */
    static RequestMatcher firstPartyTokenRequest(Set<String> clientIds) {
        var token = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/token");
        return request -> {
            if (!token.matches(request) || request.getHeader("Authorization") != null) {
                return false;
            }
            if (request.getParameter("client_secret") != null || request.getParameter("client_assertion") != null) {
                return false;
            }
            var clientId = request.getParameter("client_id");
            return clientId == null || clientIds.contains(clientId);
        };
    }
}
