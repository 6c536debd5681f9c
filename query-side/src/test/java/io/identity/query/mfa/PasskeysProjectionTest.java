package io.identity.query.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.mfa.PasskeyRegistered;
import io.identity.events.mfa.PasskeyRemoved;
import io.identity.events.mfa.SecondFactor;
import io.identity.events.mfa.SecondFactorUsed;
import io.identity.query.QuerySideTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code passkeys} read model follows a person's SecondFactors events: added, used (the newest time), removed. */
class PasskeysProjectionTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aPasskeyIsListedWithItsLastUseUntilItIsRemoved() {
        var ada = UUID.randomUUID();
        var factors = UUID.nameUUIDFromBytes(("second-factors\n" + ada).getBytes());
        var laptop = "bGFwdG9wLWtleS0" + ada.toString().substring(0, 8);
        var phone = "cGhvbmUta2V5LTAw" + ada.toString().substring(0, 8);
        append("SecondFactors", factors, 0, new PasskeyRegistered(factors, ada, laptop, "Laptop", null, AT));
        append(
                "SecondFactors",
                factors,
                1,
                new PasskeyRegistered(factors, ada, phone, "Phone", null, AT.plusSeconds(60)));
        append(
                "SecondFactors",
                factors,
                2,
                new SecondFactorUsed(factors, ada, SecondFactor.WEBAUTHN, laptop, AT.plusSeconds(600)));
        append(
                "SecondFactors",
                factors,
                3,
                new SecondFactorUsed(factors, ada, SecondFactor.TOTP, null, AT.plusSeconds(700)));
        append("SecondFactors", factors, 4, new PasskeyRemoved(factors, ada, phone, AT.plusSeconds(800)));

        await(
                "the removal projected",
                () -> count("SELECT count(*) FROM passkeys WHERE credential_id = ?", phone) == 0
                        && count(
                                        "SELECT count(*) FROM passkeys WHERE credential_id = ? AND last_used_at IS NOT NULL",
                                        laptop)
                                == 1);
        var row = jdbc.queryForMap(
                "SELECT user_id, name, created_at, last_used_at FROM passkeys WHERE credential_id = ?", laptop);
        assertThat(row.get("user_id")).isEqualTo(ada);
        assertThat(row.get("name")).isEqualTo("Laptop");
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(AT);
        assertThat(((Timestamp) row.get("last_used_at")).toInstant()).isEqualTo(AT.plusSeconds(600));
    }
}
