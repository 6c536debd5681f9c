package io.identity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.secrets.MissingSecretsException;
import org.junit.jupiter.api.Test;

/** The query side refuses to start without the personal-data master key, before it touches the database. */
class StartupChecksTest {

    @Test
    void withoutThePersonalDataKeyItStopsNamingIt() {
        assertThatThrownBy(() -> QuerySideApplication.builder()
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                                "--identity.pepper=unused-here")
                        .close())
                .isInstanceOfSatisfying(
                        MissingSecretsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "identity.personal-data.master-key (IDENTITY_PERSONAL_DATA_MASTER_KEY) is not set"));
    }

    @Test
    void aPlaceholderIsRefused() {
        assertThatThrownBy(() -> QuerySideApplication.builder()
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                                "--identity.personal-data.master-key=development-only-personal-data-secret-change-me")
                        .close())
                .isInstanceOfSatisfying(
                        MissingSecretsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "identity.personal-data.master-key (IDENTITY_PERSONAL_DATA_MASTER_KEY) is a placeholder,"
                                                + " not a secret"));
    }
}
