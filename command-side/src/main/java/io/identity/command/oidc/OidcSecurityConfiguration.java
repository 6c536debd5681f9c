package io.identity.command.oidc;

import io.identity.command.auth.TokenSettings;
import io.identity.command.kernel.IdentitySettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationConsentAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
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
     * Endpoints Spring Authorization Server has that this provider does not offer yet (§12's introspection and
     * revocation are still to be built to the contract: who may introspect what, sessions ended by a revocation;
     * the device and pushed-authorization flows are not part of it): they answer {@code 404} like any unknown path.
     */
    static final RequestMatcher NOT_YET = new OrRequestMatcher(Stream.of(
                    "/oauth2/introspect",
                    "/oauth2/revoke",
                    "/oauth2/par",
                    "/oauth2/device_authorization",
                    "/oauth2/device_verification",
                    "/oauth2/jwks")
            .map(path ->
                    (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
            .toList());

    /** The authorization server's endpoints, but for the first-party client's requests at the token endpoint. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(
            HttpSecurity http, SignInCookie signIn, IdentitySettings settings, TokenSettings tokens) throws Exception {
        var server = new OAuth2AuthorizationServerConfigurer();
        var responses = new AuthorizationResponses(settings.publicUrl());
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
                        new NegatedRequestMatcher(NOT_YET)))
                .with(
                        server,
                        as -> as.oidc(oidc -> oidc.providerConfigurationEndpoint(
                                        discovery -> discovery.providerConfigurationCustomizer(
                                                document -> Discovery.describe(document, settings.publicUrl()))))
                                .clientAuthentication(clients ->
                                        clients.authenticationProviders(providers -> providers.forEach(provider -> {
                                            if (provider instanceof ClientSecretAuthenticationProvider secrets) {
                                                secrets.setPasswordEncoder(RegisteredClients.SECRETS);
                                            }
                                        })))
                                .authorizationEndpoint(authorize -> authorize
                                        .consentPage(OidcConfiguration.CONSENT_PAGE)
                                        .authorizationResponseHandler(responses)
                                        .errorResponseHandler(responses)
                                        .authorizationRequestConverters(
                                                converters -> converters.add(0, new ConsentDecision()))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(signIn))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new SignInFirst()));
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

    /**
     * An unauthenticated browser at the authorization endpoint goes to the sign-in page, which brings it back; an
     * unauthenticated client anywhere else is {@code 401 invalid_client} (RFC 6749 §5.2).
     */
    static final class SignInFirst implements AuthenticationEntryPoint {

        @Override
        public void commence(
                HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response,
                org.springframework.security.core.AuthenticationException failure)
                throws java.io.IOException {
            if (!"/oauth2/authorize".equals(request.getRequestURI())) {
                response.setStatus(401);
                response.setHeader("WWW-Authenticate", "Basic realm=\"oauth2\"");
                response.setHeader("Cache-Control", "no-store");
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"invalid_client\"}");
                return;
            }
            var back =
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.setStatus(302);
            response.setHeader("Location", "/login?continue=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            response.setHeader("Cache-Control", "no-store");
        }
    }

    /**
     * The consent page's decision: {@code allow} grants the scopes the form names, anything else grants none, which
     * the authorization server answers with {@code access_denied} at the client's redirect URI.
     */
    static final class ConsentDecision implements AuthenticationConverter {

        private final OAuth2AuthorizationConsentAuthenticationConverter consent =
                new OAuth2AuthorizationConsentAuthenticationConverter();

        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!(consent.convert(request) instanceof OAuth2AuthorizationConsentAuthenticationToken given)) {
                return null;
            }
            if ("allow".equals(request.getParameter("decision"))) {
                return given;
            }
            return new OAuth2AuthorizationConsentAuthenticationToken(
                    given.getAuthorizationUri(),
                    given.getClientId(),
                    (Authentication) given.getPrincipal(),
                    given.getState(),
                    Set.of(),
                    given.getAdditionalParameters());
        }
    }
}
