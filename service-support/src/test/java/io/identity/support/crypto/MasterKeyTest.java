package io.identity.support.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    @Test
    void sealedSecretsOpenOnlyWithTheSameKeyAndContext() {
        var key = new MasterKey("master");
        var sealed = key.seal("secret".getBytes(StandardCharsets.UTF_8), "kid-1");
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("secret");
        assertThat(new String(key.open(sealed, "kid-1"), StandardCharsets.UTF_8))
                .isEqualTo("secret");
        assertThatThrownBy(() -> key.open(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MasterKey("other").open(sealed, "kid-1"))
                .isInstanceOf(IllegalStateException.class);
    }
}
