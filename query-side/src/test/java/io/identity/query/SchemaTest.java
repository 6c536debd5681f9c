package io.identity.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyCreated;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The PostgreSQL pitfalls of Axon's tables on the query side, checked on the real schema. */
class SchemaTest extends QuerySideTest {

    @Test
    void everyAxonBlobIsByteaNeverALargeObject() {
        var types = jdbc.queryForList(
                "SELECT table_name || '.' || column_name || ':' || data_type "
                        + "FROM information_schema.columns WHERE table_schema = 'query' "
                        + "AND table_name IN ('token_entry', 'deadletterentry') "
                        + "AND column_name IN ('token', 'payload', 'metadata', 'diagnostics')",
                String.class);
        assertThat(types)
                .containsExactlyInAnyOrder(
                        "token_entry.token:bytea",
                        "deadletterentry.payload:bytea",
                        "deadletterentry.metadata:bytea",
                        "deadletterentry.token:bytea",
                        "deadletterentry.diagnostics:bytea");
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'query' "
                        + "AND data_type = 'oid'"))
                .as("no column of the query side holds large objects")
                .isZero();
        var company = UUID.randomUUID();
        append("Company", company, 0, new CompanyCreated(company, "Blobs", null, UUID.randomUUID(), Instant.now()));
        await(
                "the processors have stored their tokens",
                () -> count("SELECT count(*) FROM token_entry WHERE token IS NOT NULL") > 0);
        assertThat(count("SELECT count(*) FROM pg_largeobject_metadata")).isZero();
    }
}
