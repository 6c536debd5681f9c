package io.identity.command.oauth;

import io.identity.command.kernel.OpaqueTokens;
import io.identity.support.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-ins under way, kept in the database so that the instance that receives the callback need not be the one
 * that started the flow. The state handed to the provider is 256 random bits; only its hash is a key here. The
 * PKCE verifier and nonce are sealed, so a reader of the table cannot finish someone's sign-in.
 */
class OAuthFlows {

    /** A flow as started: what goes to the provider. */
    record Started(String state, String verifier, String nonce) {
        @Override
        public String toString() {
            return "Started[]";
        }
    }

    /**
     * A flow found by its state: where it ends, for whom when it links, its secrets; {@code usable} is false when
     * it expired or a callback already used it.
     */
    record Flow(
            String provider,
            String redirectUri,
            String appState,
            UUID linkUserId,
            String verifier,
            String nonce,
            boolean usable) {
        @Override
        public String toString() {
            return "Flow[" + provider + ", usable=" + usable + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Duration lifetime;

    OAuthFlows(JdbcTemplate jdbc, MasterKey masterKey, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Started start(String provider, String redirectUri, String appState, UUID linkUserId) {
        var started = new Started(OpaqueTokens.generate(), OpaqueTokens.generate(), OpaqueTokens.generate());
        var stateHash = OpaqueTokens.hash(started.state());
        var secrets = masterKey.seal(
                (started.verifier() + " " + started.nonce()).getBytes(StandardCharsets.UTF_8), context(stateHash));
        jdbc.update(
                "INSERT INTO oauth_flows (state_hash, provider, redirect_uri, app_state, link_user_id, secrets, "
                        + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                stateHash,
                provider,
                redirectUri,
                appState,
                linkUserId,
                secrets,
                Timestamp.from(clock.instant().plus(lifetime)));
        return started;
    }

    /** The flow of a state, marked used by this call whatever else happens: a state works once. */
    Optional<Flow> take(String state) {
        if (state == null || state.isEmpty() || state.length() > 256) {
            return Optional.empty();
        }
        var stateHash = OpaqueTokens.hash(state);
        var now = Timestamp.from(clock.instant());
        var rows = jdbc.query(
                "UPDATE oauth_flows f SET used_at = coalesce(f.used_at, ?) "
                        + "FROM (SELECT state_hash, used_at FROM oauth_flows WHERE state_hash = ? FOR UPDATE) before "
                        + "WHERE f.state_hash = before.state_hash "
                        + "RETURNING f.provider, f.redirect_uri, f.app_state, f.link_user_id, f.secrets, f.expires_at, "
                        + "before.used_at AS used_before",
                (rs, i) -> {
                    var usable = rs.getTimestamp("used_before") == null
                            && rs.getTimestamp("expires_at").after(now);
                    var secrets = new String(
                                    masterKey.open(rs.getBytes("secrets"), context(stateHash)), StandardCharsets.UTF_8)
                            .split(" ", 2);
                    return new Flow(
                            rs.getString("provider"),
                            rs.getString("redirect_uri"),
                            rs.getString("app_state"),
                            rs.getObject("link_user_id", UUID.class),
                            secrets[0],
                            secrets[1],
                            usable);
                },
                now,
                stateHash);
        return rows.stream().findFirst();
    }

    /** Flows are kept a day past their end, for the errors of late callbacks; then they go. */
    int purgeExpired() {
        return jdbc.update("DELETE FROM oauth_flows WHERE expires_at < now() - interval '1 day'");
    }

    private static String context(byte[] stateHash) {
        return "oauth-flow:" + HexFormat.of().formatHex(stateHash);
    }
}
