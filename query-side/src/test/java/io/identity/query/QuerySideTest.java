package io.identity.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.TestDatabase;
import io.identity.support.test.TestSecrets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side against a real PostgreSQL: tests append events to the event store as the command side would,
 * then read what the projections made of them.
 */
@SpringBootTest(properties = {"spring.config.name=query-side", "identity.kafka.enabled=false"})
public abstract class QuerySideTest {

    private static final String DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        TestSecrets.supply(registry);
    }

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected JdbcTemplate jdbc;

    /** Appends one event of an aggregate, with the request metadata every command records. */
    protected void append(String type, UUID aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(
                type,
                aggregateId.toString(),
                sequence,
                payload,
                MetaData.from(Map.of("ip", "203.0.113.7", "userAgent", "test-agent", "correlationId", "c-1"))));
    }

    protected static void await(String what, BooleanSupplier condition) {
        assertThat(Eventually.within(Duration.ofSeconds(20), condition))
                .as(what)
                .isTrue();
    }

    protected long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
