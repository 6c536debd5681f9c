package io.identity.query.mfa;

import io.identity.events.mfa.PasskeyRegistered;
import io.identity.events.mfa.PasskeyRemoved;
import io.identity.events.mfa.RecoveryCodeUsed;
import io.identity.events.mfa.RecoveryCodesGenerated;
import io.identity.events.mfa.SecondFactorUsed;
import io.identity.events.mfa.TotpDisabled;
import io.identity.events.mfa.TotpEnabled;
import io.identity.events.user.UserErased;
import io.identity.query.processing.ProjectionJdbc;
import io.identity.query.rebuild.ReadModel;
import java.sql.Timestamp;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * The {@code second_factors} and {@code passkeys} read models: each person's authenticator app and recovery codes
 * left, and their passkeys with when each last signed them in (§13).
 */
@ReadModel(tables = {"second_factors", "passkeys"})
@Component
@ProcessingGroup(SecondFactorsProjection.GROUP)
class SecondFactorsProjection {

    static final String GROUP = "second-factors";

    private final ProjectionJdbc jdbc;

    SecondFactorsProjection(ProjectionJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TotpEnabled event) {
        jdbc.later(
                "INSERT INTO second_factors (user_id, totp_enabled, totp_enrolled_at) VALUES (?, TRUE, ?) "
                        + "ON CONFLICT (user_id) DO UPDATE SET totp_enabled = TRUE, totp_enrolled_at = excluded.totp_enrolled_at",
                event.userId(),
                Timestamp.from(event.enabledAt()));
    }

    @EventHandler
    void on(TotpDisabled event) {
        jdbc.later(
                "UPDATE second_factors SET totp_enabled = FALSE, totp_enrolled_at = NULL WHERE user_id = ?",
                event.userId());
    }

    @EventHandler
    void on(RecoveryCodesGenerated event) {
        left(event.userId(), event.count());
    }

    @EventHandler
    void on(RecoveryCodeUsed event) {
        left(event.userId(), event.left());
    }

    private void left(UUID userId, int left) {
        jdbc.later(
                "INSERT INTO second_factors (user_id, recovery_codes_left) VALUES (?, ?) "
                        + "ON CONFLICT (user_id) DO UPDATE SET recovery_codes_left = excluded.recovery_codes_left",
                userId,
                left);
    }

    @EventHandler
    void on(PasskeyRegistered event) {
        jdbc.later(
                "INSERT INTO passkeys (credential_id, user_id, name, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (credential_id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name, "
                        + "created_at = excluded.created_at, last_used_at = NULL",
                event.credentialId(),
                event.userId(),
                event.name(),
                Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(PasskeyRemoved event) {
        jdbc.later(
                "DELETE FROM passkeys WHERE credential_id = ? AND user_id = ?", event.credentialId(), event.userId());
    }

    /** A passkey's sign-in; replayed, an older one never moves the time back. */
    @EventHandler
    void on(SecondFactorUsed event) {
        if (event.credentialId() == null) {
            return;
        }
        jdbc.later(
                "UPDATE passkeys SET last_used_at = GREATEST(COALESCE(last_used_at, ?), ?) "
                        + "WHERE credential_id = ? AND user_id = ?",
                Timestamp.from(event.usedAt()),
                Timestamp.from(event.usedAt()),
                event.credentialId(),
                event.userId());
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.later("DELETE FROM second_factors WHERE user_id = ?", event.userId());
        jdbc.later("DELETE FROM passkeys WHERE user_id = ?", event.userId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE second_factors, passkeys");
    }
}
