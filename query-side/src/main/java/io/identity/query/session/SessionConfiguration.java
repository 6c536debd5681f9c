package io.identity.query.session;

import io.identity.events.session.SessionEnded;
import io.identity.events.user.UserErased;
import io.identity.query.QuerySettings;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.EndedSessions;
import io.identity.support.auth.RemoteJwks;
import io.identity.support.db.DatabaseMigrations;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Access tokens on the query side: checked against the command side's published keys, refused once their session
 * has ended, and each session's use noted.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /**
     * Sessions ended, and people erased: every access token of either is refused. Read from the event store itself
     * (its index {@code domain_event_entry_session_ends}), not from the sessions read model, so that an end counts
     * within a second even while that projection lags, is rebuilt, or has set the event aside. The events' times
     * are the command side's ISO-8601 instants, compared as text to the second; the poll's overlap covers the rest.
     */
    static final String ENDED_SINCE = "SELECT aggregate_identifier::uuid, now() FROM domain_event_entry "
            + "WHERE payload_type IN ('" + SessionEnded.class.getName() + "', '" + UserErased.class.getName() + "') "
            + "AND time_stamp > to_char(?::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')";

    /** Remembered for as long as an access token can live, which both sides read from the same setting. */
    @Bean
    EndedSessions endedSessions(DatabaseMigrations migrated, JdbcTemplate jdbc, QuerySettings settings) {
        return new EndedSessions(jdbc, ENDED_SINCE, settings.accessTokenLifetime(), Duration.ofMillis(500));
    }

    @Bean
    SessionActivity sessionActivity(DatabaseMigrations migrated, JdbcTemplate jdbc) {
        return new SessionActivity(jdbc, Duration.ofMinutes(1));
    }

    /** Keys are fetched from the JWKS endpoint, cached, and fetched again when a token names an unknown key. */
    @Bean
    AccessTokenVerifier accessTokenVerifier(QuerySettings settings, EndedSessions ended, SessionActivity activity) {
        return new AccessTokenVerifier(new RemoteJwks(settings.jwksUri()), settings.publicUrl(), ended, activity::used);
    }
}
