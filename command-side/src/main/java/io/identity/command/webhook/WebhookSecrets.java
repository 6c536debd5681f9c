package io.identity.command.webhook;

import io.identity.support.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Webhooks' signing secrets: {@code whsec_} and the base64 of 32 random bytes, as the Standard Webhooks
 * specification has them. A secret is shown once, in the answer to the creation; it is kept only sealed under the
 * master key, bound to its webhook's id, because the sender needs the secret itself to sign (a hash would not do,
 * and would be as good as the secret to anyone who read it).
 */
@Component
class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;

    WebhookSecrets(JdbcTemplate jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    /** A new secret for the webhook, stored sealed in the current transaction. */
    String issue(UUID webhookId) {
        var bytes = new byte[BYTES];
        random.nextBytes(bytes);
        var secret = PREFIX + Base64.getEncoder().encodeToString(bytes);
        jdbc.update(
                "INSERT INTO webhook_secrets (webhook_id, sealed) VALUES (?, ?)",
                webhookId,
                masterKey.seal(secret.getBytes(StandardCharsets.US_ASCII), context(webhookId)));
        return secret;
    }

    /** The webhook's secret, to sign with; empty once the webhook is deleted. */
    Optional<String> of(UUID webhookId) {
        return jdbc
                .queryForList("SELECT sealed FROM webhook_secrets WHERE webhook_id = ?", byte[].class, webhookId)
                .stream()
                .findFirst()
                .map(stored -> new String(masterKey.open(stored, context(webhookId)), StandardCharsets.US_ASCII));
    }

    private static String context(UUID webhookId) {
        return "webhook-secret:" + webhookId;
    }
}
