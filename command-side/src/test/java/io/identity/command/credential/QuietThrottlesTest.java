package io.identity.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counts of failed secrets are kept only while they can still lock a name: every throttle's quiet ones go. */
class QuietThrottlesTest extends CommandSideTest {

    @Autowired
    private List<Throttle> throttles;

    @Test
    void everyThrottleForgetsTheNamesQuietForADay() {
        var quiet = unique("quiet");
        var recent = unique("recent");
        for (var scope : new String[] {"login", "security-answers"}) {
            jdbc.update(
                    "INSERT INTO throttle (scope, subject, failures, locked_until, updated_at) VALUES "
                            + "(?, ?, 3, NULL, now() - interval '25 hours'), (?, ?, 3, NULL, now())",
                    scope,
                    quiet,
                    scope,
                    recent);
        }
        throttles.forEach(Throttle::forgetQuiet);
        assertThat(jdbc.queryForList(
                        "SELECT scope || ':' || subject FROM throttle WHERE subject IN (?, ?) ORDER BY 1",
                        String.class,
                        quiet,
                        recent))
                .containsExactly("login:" + recent, "security-answers:" + recent);
    }
}
