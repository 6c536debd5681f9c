package io.identity.query;

import io.identity.support.secrets.Secrets;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What the whole query side needs before anything else; each feature's wiring is in its own package. */
@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /**
     * Checked before any bean is made: the query side reads personal data sealed under the personal-data master
     * key, and stops at once, naming it, without one fit for use.
     */
    @Bean
    static BeanFactoryPostProcessor requiredSecrets(Environment environment) {
        return Secrets.required(environment, Secrets.PERSONAL_DATA_MASTER_KEY);
    }
}
