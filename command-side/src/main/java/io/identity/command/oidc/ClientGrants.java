package io.identity.command.oidc;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What a person granted applications through the provider: their authorizations (and tokens) and consents. */
@Component
public class ClientGrants {

    private final JdbcTemplate jdbc;

    ClientGrants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets every authorization and consent of the person (erasure); call inside its transaction. */
    public void forgetUser(UUID userId) {
        jdbc.update("DELETE FROM oidc_authorizations WHERE principal_name = ?", userId.toString());
        jdbc.update("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?", userId.toString());
    }
}
