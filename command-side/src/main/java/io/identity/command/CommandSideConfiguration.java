package io.identity.command;

import io.identity.command.auth.Authentication;
import io.identity.command.auth.IdentitySettings;
import io.identity.command.auth.PasswordHasher;
import io.identity.command.auth.PasswordPolicy;
import io.identity.command.auth.RefreshTokens;
import io.identity.command.auth.SigningKeys;
import io.identity.command.auth.Throttle;
import io.identity.command.auth.TokenIssuer;
import io.identity.command.auth.TokenSettings;
import io.identity.command.session.SessionRegistry;
import io.identity.command.stream.Reactions;
import io.identity.command.user.Accounts;
import io.identity.command.web.Commands;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.EndedSessions;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import io.identity.support.secrets.Secrets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the command side's services from its settings. */
@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    /**
     * Checked before any bean is made, so that a side without its secrets stops at once with one message naming
     * them all, before it touches the database.
     */
    @Bean
    static BeanFactoryPostProcessor requiredSecrets(Environment environment) {
        return Secrets.required(
                environment, Secrets.PEPPER, Secrets.TOKENS_MASTER_KEY, Secrets.PERSONAL_DATA_MASTER_KEY);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The lookup tables are written in the event's own transaction (their processors are subscribing, see
     * {@code command-side.yml}), and a failure there, such as a taken username, must fail the command.
     */
    @Autowired
    void lookupsInTransaction(EventProcessingConfigurer processing) {
        for (var group : new String[] {
            "accounts", "session-registry", "company-members", "invitation-index", "external-identities"
        }) {
            processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
        }
    }

    /** A User is snapshotted every so many events (default 100): commands stop replaying long histories. */
    @Bean
    SnapshotTriggerDefinition userSnapshots(
            Snapshotter snapshotter, @Value("${identity.snapshots.user-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Users and companies kept in memory between commands, each use confirmed against the store (see
     * {@link CheckedAggregateCache}); {@code identity.aggregate-cache.size} 0 keeps none.
     */
    @Bean
    CheckedAggregateCache aggregateCache(
            JdbcTemplate jdbc,
            MeterRegistry meters,
            @Value("${identity.aggregate-cache.size:10000}") int size,
            @Value("${identity.aggregate-cache.lifetime:30s}") Duration lifetime) {
        return new CheckedAggregateCache(jdbc, size, lifetime, meters);
    }

    /** Snapshots of another shape of the User class than today's are ignored. */
    @Bean
    SnapshotFilter userSnapshotFilter() {
        return RevisionSnapshotFilter.builder()
                .type("io.identity.command.user.User")
                .revision("1")
                .build();
    }

    /**
     * With a gauge of the requests waiting for a turn to hash (above zero for long, the cores are too few) and a
     * count of the hashes done.
     */
    @Bean
    PasswordHasher passwordHasher(IdentitySettings settings, MeterRegistry meters) {
        var hasher = new PasswordHasher(settings.pepper(), settings.bcryptCost());
        Gauge.builder("identity.password.hashes.waiting", hasher, PasswordHasher::waiting)
                .register(meters);
        FunctionCounter.builder("identity.password.hashes", hasher, PasswordHasher::done)
                .register(meters);
        return hasher;
    }

    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }

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
        return new EndedSessions(jdbc, SessionRegistry.ENDED_SINCE, tokens.accessLifetime(), Duration.ofMillis(500));
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(SigningKeys keys, IdentitySettings settings, EndedSessions ended) {
        return new AccessTokenVerifier(keys::publicKey, settings.publicUrl(), ended);
    }

    @Bean
    Authentication authentication(
            Accounts accounts,
            PasswordHasher hasher,
            Commands commands,
            CommandGateway gateway,
            RefreshTokens refreshTokens,
            SessionRegistry sessions,
            TokenIssuer issuer,
            Clock clock,
            TokenSettings tokens,
            Throttle loginThrottle,
            EventGateway events) {
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
                loginThrottle,
                events);
    }

    /** One counter per login name covers every password check of that name. */
    @Bean
    Throttle loginThrottle(DatabaseMigrations migrated, JdbcTemplate jdbc) {
        return new Throttle(jdbc, "login");
    }

    @Bean
    Housekeeping housekeeping(
            SigningKeys keys, RefreshTokens refreshTokens, List<Throttle> throttles, Reactions reactions) {
        return new Housekeeping(keys, refreshTokens, throttles, reactions);
    }
}
