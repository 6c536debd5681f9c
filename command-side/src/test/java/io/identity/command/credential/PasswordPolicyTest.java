package io.identity.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.problem.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    private List<String> broken(String password, String username, String email) {
        return policy.check("password", password, username, email).stream()
                .map(FieldViolation::message)
                .toList();
    }

    @Test
    void shipsAtLeastTenThousandCommonPasswords() {
        assertThat(policy.commonPasswordCount()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void aLongUncommonPasswordPasses() {
        assertThat(broken("correct horse battery", "ada", "ada@example.com")).isEmpty();
    }

    @Test
    void lengthCountsCodePointsAfterNfkc() {
        assertThat(broken("short", "ada", "ada@example.com")).containsExactly("must have at least 10 characters");
        // ten emoji are ten code points, twenty UTF-16 units
        assertThat(broken("\uD83D\uDE00".repeat(10), "ada", "ada@example.com")).isEmpty();
        // the ligature "ﬀ" becomes "ff" under NFKC: five of them are ten characters
        assertThat(broken("\uFB00".repeat(5), "ada", "ada@example.com")).isEmpty();
        assertThat(broken("x".repeat(129), "ada", "ada@example.com"))
                .containsExactly("must have at most 128 characters");
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(broken("Password123", "ada", "ada@example.com")).contains("is too common");
        assertThat(broken("QWERTYUIOP", "ada", "ada@example.com")).contains("is too common");
    }

    @Test
    void mustNotContainTheUsernameOrTheEmailLocalPart() {
        assertThat(broken("my-Lovelace-secret", "lovelace", "x@example.com"))
                .containsExactly("must not contain the username");
        assertThat(broken("the countess ADA.K rules", "someone", "ada.k@example.com"))
                .containsExactly("must not contain the email address");
    }

    @Test
    void shortNamesAreNotSearchedFor() {
        assertThat(broken("hello ab world", "ab", "ab@example.com")).isEmpty();
    }

    @Test
    void everyBrokenRuleIsReported() {
        assertThat(broken("ada", "ada", "ada@example.com"))
                .containsExactlyInAnyOrder(
                        "must have at least 10 characters",
                        "must not contain the username",
                        "must not contain the email address");
    }
}
