package io.identity.query.mfa;

import io.identity.support.auth.Caller;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/users/me/mfa} (§13): the caller's second factors, without any secret. */
@RestController
class SecondFactorQueryController {

    private final JdbcTemplate jdbc;

    SecondFactorQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Totp(boolean enabled, Instant enrolledAt) {}

    record Passkey(String credentialId, String name, Instant createdAt, Instant lastUsedAt) {}

    record SecondFactorsView(Totp totp, List<Passkey> passkeys, int recoveryCodesLeft) {}

    @GetMapping("/api/v1/users/me/mfa")
    SecondFactorsView mine(Caller caller) {
        var row = jdbc
                .queryForList(
                        "SELECT totp_enabled, totp_enrolled_at, recovery_codes_left FROM second_factors WHERE user_id = ?",
                        caller.userId())
                .stream()
                .findFirst()
                .orElse(Map.of());
        var enrolledAt = row.get("totp_enrolled_at") instanceof Timestamp at ? at.toInstant() : null;
        var passkeys = jdbc.query(
                "SELECT credential_id, name, created_at, last_used_at FROM passkeys WHERE user_id = ? "
                        + "ORDER BY created_at, credential_id",
                (rs, i) -> new Passkey(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()),
                caller.userId());
        return new SecondFactorsView(
                new Totp(Boolean.TRUE.equals(row.get("totp_enabled")), enrolledAt),
                passkeys,
                row.get("recovery_codes_left") instanceof Integer left ? left : 0);
    }
}
