package io.identity.command.recovery;

import io.identity.command.credential.Throttle;
import io.identity.command.kernel.IdentitySettings;
import io.identity.support.db.DatabaseMigrations;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires password recovery: its lookups run in the events' transaction, its throttle is its own. */
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    @Autowired
    void lookupsInTransaction(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                RecoveryLookups.GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Security answers have their own counter per login name, apart from sign-in's. */
    @Bean
    Throttle answerThrottle(DatabaseMigrations migrated, JdbcTemplate jdbc) {
        return new Throttle(jdbc, "security-answers");
    }

    @Bean
    DecoyQuestions decoyQuestions(IdentitySettings settings) {
        return new DecoyQuestions(settings.pepper() == null ? "development" : settings.pepper());
    }
}
