package io.identity.command.credential;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.support.db.DatabaseMigrations;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Password hashing and policy, and the sign-in throttle every typed password counts in. */
@Configuration(proxyBeanMethods = false)
class CredentialConfiguration {

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

    /** One counter per login name covers every password check of that name. */
    @Bean
    Throttle loginThrottle(DatabaseMigrations migrated, JdbcTemplate jdbc) {
        return new Throttle(jdbc, "login");
    }

    @Bean
    PasswordChecks passwordChecks(
            PasswordHasher hasher, Throttle loginThrottle, Commands commands, EventGateway events, Clock clock) {
        return new PasswordChecks(hasher, loginThrottle, commands, events, clock);
    }
}
