package io.identity.query.processing;

import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How the read models' processors write: each batch of events, its projection writes, its dead letters and its
 * token, in one PostgreSQL transaction that commits once, handled at speed or, after a failure, carefully
 * ({@link Batches}).
 *
 * <p>Axon's own wiring of a transaction manager waits for Spring Boot's JDBC auto-configuration by a class name
 * that Spring Boot 4 no longer has, so it would find none and fall back to Axon's {@code NoTransactionManager}
 * (every write committing by itself, the token after the batch): the manager is declared here instead.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    Batches batches() {
        return new Batches();
    }

    @Bean
    HandlerEnhancerDefinition handlerInBatch(Batches batches) {
        return new HandlerInBatch(batches);
    }

    /** The query side's one template; Spring Boot's own backs off for it. */
    @Bean
    ProjectionJdbc jdbcTemplate(DataSource dataSource, Batches batches) {
        return new ProjectionJdbc(dataSource, batches);
    }
}
