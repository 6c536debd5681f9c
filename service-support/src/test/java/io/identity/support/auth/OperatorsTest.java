package io.identity.support.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    private static final UUID ID = UUID.fromString("0b3e9a53-7c1d-4f5e-9a2b-6d8c0e1f2a3b");

    @Test
    void operatorsAreNamedByUserIdOnly() {
        var operators = new OperatorSettings(List.of(" " + ID.toString().toUpperCase() + " "));
        assertThat(operators.includes(new Caller(ID, UUID.randomUUID(), "anyone", null, true)))
                .isTrue();
        assertThat(operators.includes(new Caller(UUID.randomUUID(), UUID.randomUUID(), ID.toString(), null, true)))
                .as("a username that looks like an operator's id is no operator")
                .isFalse();
    }

    @Test
    void aUsernameIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> new OperatorSettings(List.of(ID.toString(), "ops")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity.operators takes user ids only")
                .hasMessageContaining("'ops'");
        // UUID.fromString would take this one
        assertThatThrownBy(() -> new OperatorSettings(List.of("1-1-1-1-1"))).hasMessageContaining("'1-1-1-1-1'");
    }
}
