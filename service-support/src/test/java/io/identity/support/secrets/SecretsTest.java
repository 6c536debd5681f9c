package io.identity.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.test.TestSecrets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SecretsTest {

    private static final List<String> ALL =
            List.of(Secrets.PEPPER, Secrets.TOKENS_MASTER_KEY, Secrets.PERSONAL_DATA_MASTER_KEY);

    @Test
    void everyMissingOrUnfitSecretIsNamedInOneMessage() {
        var environment = environment(Map.of(Secrets.TOKENS_MASTER_KEY, "change-me"));
        assertThatThrownBy(() -> Secrets.require(environment, ALL))
                .isInstanceOfSatisfying(MissingSecretsException.class, e -> {
                    assertThat(e.problems())
                            .containsExactly(
                                    "identity.pepper (IDENTITY_PEPPER) is not set",
                                    "identity.tokens.master-key (IDENTITY_TOKENS_MASTER_KEY) is a placeholder, not a secret",
                                    "identity.personal-data.master-key (IDENTITY_PERSONAL_DATA_MASTER_KEY) is not set");
                    assertThat(e.getMessage())
                            .contains(
                                    "identity.pepper",
                                    "identity.tokens.master-key",
                                    "identity.personal-data.master-key",
                                    "openssl rand -base64 48");
                });
    }

    @Test
    void placeholdersAndTheOldDevelopmentValuesAreRefusedHoweverLong() {
        assertThat(Secrets.unfit("development-only-secret-change-me")).contains("placeholder");
        assertThat(Secrets.unfit("development-only-personal-data-secret-change-me"))
                .contains("placeholder");
        assertThat(Secrets.unfit("please-CHANGE_ME-" + "x".repeat(80))).contains("placeholder");
        assertThat(Secrets.unfit("replace me with a real secret, at least sixty-four characters long......"))
                .contains("placeholder");
        assertThat(Secrets.unfit("a".repeat(100))).contains("not random");
        assertThat(Secrets.unfit("   ")).isEqualTo("is not set");
    }

    @Test
    void shortSecretsAreRefused() {
        assertThat(Secrets.unfit("test-pepper")).isNotNull();
        assertThat(Secrets.unfit("Tr0ub4dor&3x!")).contains("too short");
        // 31 bytes in hex and in base64
        assertThat(Secrets.unfit("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"))
                .contains("too short");
        assertThat(Secrets.unfit("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg=="))
                .contains("too short");
    }

    @Test
    void thirtyTwoRandomBytesInHexOrBase64OrALongPassphraseAreAccepted() {
        assertThat(Secrets.unfit("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
                .isNull();
        assertThat(Secrets.unfit("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
                .isNull();
        assertThat(Secrets.unfit("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"))
                .as("unpadded")
                .isNull();
        assertThat(Secrets.unfit("-_8CAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"))
                .as("base64url")
                .isNull();
        assertThat(Secrets.unfit("correct horse battery staple, then seven more words nobody will guess"))
                .isNull();
        TestSecrets.ALL
                .values()
                .forEach(secret -> assertThat(Secrets.unfit(secret)).isNull());
    }

    @Test
    void theOldValuesPassOnlyFromTheStandalonesOwnSource() {
        var given = environment(Secrets.LEGACY_VALUES);
        assertThatThrownBy(() -> Secrets.require(given, ALL)).isInstanceOf(MissingSecretsException.class);

        var standalone = new StandardEnvironment();
        standalone
                .getPropertySources()
                .addFirst(new MapPropertySource(Secrets.STANDALONE_SOURCE, Map.copyOf(Secrets.LEGACY_VALUES)));
        Secrets.require(standalone, ALL);

        var overridden = environment(Map.of(Secrets.PEPPER, "change-me"));
        overridden
                .getPropertySources()
                .addLast(new MapPropertySource(Secrets.STANDALONE_SOURCE, Map.copyOf(Secrets.LEGACY_VALUES)));
        assertThatThrownBy(() -> Secrets.require(overridden, List.of(Secrets.PEPPER)))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("placeholder");
    }

    private static StandardEnvironment environment(Map<String, ?> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.copyOf(properties)));
        return environment;
    }
}
