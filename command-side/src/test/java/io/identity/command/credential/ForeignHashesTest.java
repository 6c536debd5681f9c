package io.identity.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ForeignHashesTest {

    private static final String PASSWORD = "correct horse battery staple";
    private final PasswordHasher hasher = new PasswordHasher("pepper", 4);

    /** As argon2-cffi's documentation shows it (the reference C implementation), not made by the library we use. */
    private static final String ARGON2_CFFI =
            "$argon2id$v=19$m=65536,t=3,p=4$MIIRqgvgQbgj220jfp0MPA$YfwJSVjtjSU0zzV/P3S9nnQ/USre2wvJMjfCIjrTQbg";
    /**
     * passlib's form, made with Python's hashlib (OpenSSL): {@code pbkdf2_hmac('sha256', 'Grüße, correct horse',
     * b'0123456789abcdef', 600000)}, salt and checksum in adapted base64.
     */
    private static final String PBKDF2_PASSLIB =
            "$pbkdf2-sha256$600000$MDEyMzQ1Njc4OWFiY2RlZg$gKllSLmEqTXVIcBmd33BIBiaOjGqJ/AjdFz38ZOk94I";

    private String stored(String given) {
        return ForeignHashes.storedForm(given).orElseThrow();
    }

    @Test
    void aBcryptHashOfTheBarePasswordIsCheckedWithoutOurPepperInEachOfItsVariants() {
        var given = new BCryptPasswordEncoder(5).encode(PASSWORD);
        for (var variant : new String[] {"$2a$", "$2b$", "$2y$"}) {
            var stored = stored(variant + given.substring(4));
            assertThat(stored).startsWith("{bcrypt}" + variant);
            assertThat(hasher.matches(PASSWORD, stored)).isTrue();
            assertThat(hasher.matches(PASSWORD + "!", stored)).isFalse();
            assertThat(hasher.needsRehash(stored)).isTrue();
        }
        assertThat(hasher.matches(PASSWORD, given))
                .as("unmarked, the same hash is taken for ours, and our pepper makes it fail")
                .isFalse();
    }

    @Test
    void argon2idHashesAreCheckedWithTheParametersTheyName() {
        assertThat(hasher.matches(PASSWORD, stored(ARGON2_CFFI))).isTrue();
        assertThat(hasher.matches("Tr0ub4dor&3", stored(ARGON2_CFFI))).isFalse();
        var small = new Argon2PasswordEncoder(16, 32, 1, 1 << 12, 2).encode("Grüße, correct horse");
        assertThat(stored(small)).isEqualTo(small);
        assertThat(hasher.matches("Grüße, correct horse", small)).isTrue();
        assertThat(hasher.needsRehash(small)).isTrue();
    }

    @Test
    void pbkdf2Sha256InPasslibsAndInPhcFormIsChecked() {
        assertThat(hasher.matches("Grüße, correct horse", stored(PBKDF2_PASSLIB)))
                .isTrue();
        assertThat(hasher.matches("Grusse, correct horse", stored(PBKDF2_PASSLIB)))
                .isFalse();
        var phc = PBKDF2_PASSLIB.replace("$600000$", "$i=600000,l=32$");
        assertThat(hasher.matches("Grüße, correct horse", stored(phc))).isTrue();
        assertThat(hasher.needsRehash(PBKDF2_PASSLIB)).isTrue();
    }

    @Test
    void ourOwnHashesAreNotForeign() {
        var ours = hasher.hash(PASSWORD);
        assertThat(ForeignHashes.isForeign(ours)).isFalse();
        assertThat(hasher.needsRehash(ours)).isFalse();
    }

    @Test
    void otherFormsAndCostsBeyondTheBoundsAreRefused() {
        assertThat(ForeignHashes.storedForm(null)).isEmpty();
        assertThat(ForeignHashes.storedForm("plain text")).isEmpty();
        assertThat(ForeignHashes.storedForm("$1$md5crypt$abcdefghijklmnopqrstuv"))
                .isEmpty();
        assertThat(ForeignHashes.storedForm("{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD)))
                .as("only the hash as the other system wrote it")
                .isEmpty();
        assertThat(ForeignHashes.storedForm(ARGON2_CFFI.replace("argon2id", "argon2i")))
                .isEmpty();
        assertThat(ForeignHashes.storedForm(ARGON2_CFFI.replace("m=65536", "m=102400")))
                .as("more memory than a sign-in may take")
                .isEmpty();
        assertThat(ForeignHashes.storedForm(ARGON2_CFFI.replace("t=3", "t=11"))).isEmpty();
        assertThat(ForeignHashes.storedForm(ARGON2_CFFI.replace("$MIIRqgvg", "$!!!!")))
                .isEmpty();
        assertThat(ForeignHashes.storedForm(PBKDF2_PASSLIB.replace("600000", "5000001")))
                .isEmpty();
        assertThat(ForeignHashes.storedForm(PBKDF2_PASSLIB.replace("$pbkdf2-sha256$", "$pbkdf2-sha1$")))
                .isEmpty();
        assertThat(ForeignHashes.storedForm("$2a$17$" + "a".repeat(53))).isEmpty();
    }
}
