package io.identity.command.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The code generator against RFC 6238's own test vectors (SHA-1, the last six of their eight digits). */
class TotpTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238TestVectors() {
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(20000000000L))).isEqualTo("353130");
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterCountsOnceAndNothingElse() {
        var now = Instant.ofEpochSecond(1111111111);
        var step = now.getEpochSecond() / 30;
        assertThat(Totp.step(SECRET, "050471", now, 0)).hasValue(step);
        assertThat(Totp.step(SECRET, Totp.code(SECRET, now.minusSeconds(30)), now, 0))
                .hasValue(step - 1);
        assertThat(Totp.step(SECRET, Totp.code(SECRET, now.plusSeconds(30)), now, 0))
                .hasValue(step + 1);
        assertThat(Totp.step(SECRET, Totp.code(SECRET, now.minusSeconds(90)), now, 0))
                .isEmpty();
        assertThat(Totp.step(SECRET, "050471", now, step))
                .as("its step was spent")
                .isEmpty();
        assertThat(Totp.step(SECRET, "05047", now, 0)).isEmpty();
        assertThat(Totp.step(SECRET, null, now, 0)).isEmpty();
    }

    @Test
    void theUriIsWhatAppsScan() {
        assertThat(Totp.uri("Identity", "ada lovelace", SECRET))
                .isEqualTo("otpauth://totp/Identity:ada%20lovelace?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Identity&algorithm=SHA1&digits=6&period=30");
    }
}
