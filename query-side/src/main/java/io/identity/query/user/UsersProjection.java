package io.identity.query.user;

import io.identity.events.user.EmailVerified;
import io.identity.events.user.UserRegistered;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code users} read model: profile, settings and privacy of each account. */
@Component
@ProcessingGroup("users")
class UsersProjection {

    private final JdbcTemplate jdbc;

    UsersProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.update("INSERT INTO users (user_id, username, email, display_name, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (user_id) DO NOTHING", event.userId(), event.username(), event.email(),
                event.displayName(), Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(EmailVerified event) {
        jdbc.update("UPDATE users SET email_verified = TRUE WHERE user_id = ?", event.userId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE users");
    }
}
