package io.identity.command.web;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import io.identity.support.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Which endpoints are rate-limited per IP, and in which groups (each group has a bucket of its own). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "identity.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        var groups = new LinkedHashMap<String, List<String>>();
        groups.put(
                "login",
                List.of(
                        "/api/v1/auth/login",
                        "/api/v1/auth/refresh",
                        "/api/v1/auth/webauthn",
                        "/api/v1/auth/webauthn/options",
                        "/api/v1/auth/oauth/*/authorize",
                        "/api/v1/auth/oauth/*/callback"));
        groups.put("token", List.of("/api/v1/auth/oauth/token"));
        groups.put("clients", List.of("/oauth2/register", "/oauth2/register/*"));
        groups.put("registration", List.of("/api/v1/registrations", "/api/v1/invitations/accept-new"));
        groups.put("reset", List.of("/api/v1/password-reset", "/api/v1/password-reset/**"));
        groups.put("verification", List.of("/api/v1/email-verification", "/api/v1/email-verification/**"));
        groups.put("privacy", List.of("/api/v1/privacy/**"));
        // every endpoint that asks a signed-in person's current password again
        groups.put(
                "reauthentication",
                List.of(
                        "/api/v1/users/me",
                        "/api/v1/users/me/password",
                        "/api/v1/users/me/email",
                        "/api/v1/users/me/erase",
                        "/api/v1/users/me/security-questions",
                        "/api/v1/users/me/identities/**"));
        return Map.copyOf(groups);
    }

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(
            DatabaseMigrations migrated, DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Bean
    WebMvcConfigurer rateLimits(ProxyManager<String> buckets, RateLimitSettings settings, MasterKey masterKey) {
        var configuration = perIp(settings);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                GROUPS.forEach((group, paths) -> registry.addInterceptor(
                                new RateLimiter(buckets, group, configuration, masterKey))
                        .addPathPatterns(paths));
            }
        };
    }

    /**
     * The provider's endpoints where a client authenticates (§12), limited before Spring Security's filter sees
     * them, since they never reach Spring MVC: the token endpoint (the first-party client's requests too) in the
     * {@code token} group, introspection and revocation in {@code provider}.
     */
    static final Map<String, String> PROVIDER_GROUPS =
            Map.of("/oauth2/token", "token", "/oauth2/introspect", "provider", "/oauth2/revoke", "provider");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> providerRateLimits(
            ProxyManager<String> buckets, RateLimitSettings settings, MasterKey masterKey, ProblemWriter problems) {
        var configuration = perIp(settings);
        var limiters = new LinkedHashMap<String, RateLimiter>();
        PROVIDER_GROUPS.forEach(
                (path, group) -> limiters.put(path, new RateLimiter(buckets, group, configuration, masterKey)));
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var limiter = limiters.get(request.getRequestURI());
                var refused = limiter == null ? null : limiter.refusal();
                if (refused != null) {
                    problems.write(response, refused);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setUrlPatterns(PROVIDER_GROUPS.keySet());
        // after the request context (the caller's address), before Spring Security's filter
        registration.setOrder(-101);
        return registration;
    }

    /** {@code identity.rate-limits.per-ip-per-minute} requests a minute, refilled as the minute goes. */
    private static BucketConfiguration perIp(RateLimitSettings settings) {
        var perMinute = settings.perIpPerMinute();
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    ExpiredBuckets expiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        return new ExpiredBuckets(buckets);
    }

    /** Full buckets need no row: the expired ones are removed now and then. */
    record ExpiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {

        @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
        void removeExpired() {
            while (buckets.removeExpired(1000) == 1000) {
                // keep going while whole batches were removed
            }
        }
    }
}
