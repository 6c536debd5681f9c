package io.identity.command.web;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
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
                        "/api/v1/auth/oauth/*/authorize",
                        "/api/v1/auth/oauth/*/callback"));
        groups.put("token", List.of("/oauth2/token", "/api/v1/auth/oauth/token"));
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
        var perMinute = settings.perIpPerMinute();
        var configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                GROUPS.forEach((group, paths) -> registry.addInterceptor(
                                new RateLimiter(buckets, group, configuration, masterKey))
                        .addPathPatterns(paths));
            }
        };
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
