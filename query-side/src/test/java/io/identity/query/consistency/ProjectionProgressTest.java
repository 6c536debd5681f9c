package io.identity.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Readers wait for every processor that builds a read model, and for none marked {@link ReadersDoNotWait}. */
class ProjectionProgressTest extends QuerySideTest {

    @Autowired
    private ProjectionProgress progress;

    @Test
    void readersWaitForTheReadModelsNotForTheAuditChain() {
        assertThat(progress.projections())
                .containsExactlyInAnyOrder(
                        "users", "companies", "sessions", "invitations", "audit", "erasures", "second-factors");
    }
}
