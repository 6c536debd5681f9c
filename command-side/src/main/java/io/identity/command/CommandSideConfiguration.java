package io.identity.command;

import io.identity.support.secrets.Secrets;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What the whole command side needs before any feature: its secrets, and the clock. Each feature wires itself. */
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
}
