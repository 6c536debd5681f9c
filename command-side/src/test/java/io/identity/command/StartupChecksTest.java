package io.identity.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.secrets.MissingSecretsException;
import io.identity.support.test.TestDatabase;
import io.identity.support.test.TestSecrets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The command side refuses to start without its secrets, or with operators named otherwise than by user id. */
@ExtendWith(OutputCaptureExtension.class)
class StartupChecksTest {

    /** Nothing is reached: the secrets are checked before the database is touched. */
    private static final String NO_DATABASE = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none";

    @Test
    void withoutSecretsItStopsNamingEveryOneMissing(CapturedOutput output) {
        assertThatThrownBy(() -> start(NO_DATABASE))
                .isInstanceOfSatisfying(
                        MissingSecretsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "identity.pepper (IDENTITY_PEPPER) is not set",
                                        "identity.tokens.master-key (IDENTITY_TOKENS_MASTER_KEY) is not set",
                                        "identity.personal-data.master-key (IDENTITY_PERSONAL_DATA_MASTER_KEY) is not set"));
        assertThat(output.getAll())
                .contains(
                        "APPLICATION FAILED TO START",
                        "The identity service cannot start without its secrets:",
                        "identity.pepper (IDENTITY_PEPPER)",
                        "openssl rand -base64 48");
    }

    @Test
    void placeholdersAndTheOldDevelopmentValuesAreRefused() {
        assertThatThrownBy(() -> start(
                        NO_DATABASE,
                        "--identity.pepper=change-me",
                        "--identity.tokens.master-key=development-only-secret-change-me",
                        "--identity.personal-data.master-key=" + TestSecrets.PERSONAL_DATA_MASTER_KEY))
                .isInstanceOfSatisfying(
                        MissingSecretsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "identity.pepper (IDENTITY_PEPPER) is a placeholder, not a secret",
                                        "identity.tokens.master-key (IDENTITY_TOKENS_MASTER_KEY) is a placeholder, not a secret"));
    }

    @Test
    void anOperatorNamedByUsernameStopsStartUpNamingIt() {
        var arguments = new ArrayList<>(TestSecrets.arguments());
        arguments.addAll(List.of(
                "--spring.datasource.url=" + TestDatabase.create(),
                "--identity.kafka.enabled=false",
                "--identity.operators=0b3e9a53-7c1d-4f5e-9a2b-6d8c0e1f2a3b,the-operator"));
        assertThatThrownBy(() -> start(arguments.toArray(String[]::new)))
                .rootCause()
                .hasMessageContaining("identity.operators takes user ids only")
                .hasMessageContaining("'the-operator'");
    }

    private static void start(String... arguments) {
        var all = new ArrayList<>(List.of("--server.port=0", "--identity.console.enabled=false"));
        all.addAll(List.of(arguments));
        CommandSideApplication.builder().run(all.toArray(String[]::new)).close();
    }
}
