package io.identity.command.mail;

import io.identity.support.crypto.MasterKey;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code mail_outbox} table: mail is queued in the transaction of what causes it and sent later by
 * {@link MailDispatcher}, so a mail goes out if and only if its cause was stored, whatever fails in between. What
 * a mail carries that nothing may keep (a link's raw token) is sealed under the master key until it is sent.
 */
@Component
public class Outbox {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private static final String SEALED = "mail_outbox.sealed_secrets";

    private final MailSettings settings;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final MasterKey masterKey;

    Outbox(JdbcTemplate jdbc, JsonMapper json, MasterKey masterKey, MailSettings settings) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.json = json;
        this.masterKey = masterKey;
    }

    /**
     * Queues a mail in the caller's transaction: it is sent only if that transaction commits. A mail without a
     * recipient (to a user who has no address) is dropped: such a user gets no mail.
     */
    public void enqueue(Mail mail) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("mail is queued in the transaction of the change that causes it");
        }
        if (mail.recipient() == null) {
            return;
        }
        var sealed = mail.secrets().isEmpty() ? null : masterKey.seal(json.writeValueAsBytes(mail.secrets()), SEALED);
        jdbc.update(
                "INSERT INTO mail_outbox (recipient, template, locale, model, sealed_secrets, subject_id, mentions) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::uuid[])",
                mail.recipient(),
                mail.template(),
                mail.locale().toLanguageTag(),
                json.writeValueAsString(mail.model()),
                sealed,
                mail.subjectId(),
                mail.mentions().stream().map(UUID::toString).toArray(String[]::new));
    }

    /**
     * Drops every mail about or naming a person (or an invitation), sent or not, on their erasure: the rows hold
     * their name and address.
     */
    public void forget(UUID id) {
        jdbc.update("DELETE FROM mail_outbox WHERE subject_id = ? OR mentions @> ARRAY[?]::uuid[]", id, id);
    }

    /**
     * Forgets the mails done with (sent, or given up) longer than {@code retention} ago, their attempts with them:
     * a mail names its recipient and often others, and is kept only as long as it may be asked about
     * ({@code identity.mail.retention}).
     */
    public int purgeDone() {
        return purgeDone(settings.retention());
    }

    int purgeDone(Duration retention) {
        return jdbc.update(
                "DELETE FROM mail_outbox WHERE status IN ('SENT', 'FAILED') "
                        + "AND coalesce(sent_at, created_at) < now() - ?::interval",
                retention.toString());
    }

    /** A claimed mail, ready to send. */
    record Claimed(
            long id,
            String recipient,
            String template,
            Locale locale,
            Map<String, String> model,
            Map<String, String> secrets,
            int attempts,
            UUID subjectId) {

        @Override
        public String toString() {
            return "Claimed[" + id + ", " + template + ", attempt " + attempts + "]";
        }
    }

    /**
     * Claims up to {@code limit} due mails for {@code lease}, counting an attempt for each. Rows another
     * dispatcher is claiming right now are skipped, not waited for, and a claimed row is not due again until its
     * lease runs out: no two dispatchers, on any instances, hold the same mail.
     */
    List<Claimed> claim(int limit, Duration lease) {
        var rows = jdbc.query(
                "UPDATE mail_outbox SET claimed_until = now() + ?::interval, attempts = attempts + 1 "
                        + "WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'QUEUED' AND next_attempt_at <= now() "
                        + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY created_at, id LIMIT ? "
                        + "FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, recipient, template, locale, model::text AS model, secrets::text AS secrets, "
                        + "sealed_secrets, attempts, subject_id",
                (rs, i) -> new Claimed(
                        rs.getLong("id"),
                        rs.getString("recipient"),
                        rs.getString("template"),
                        Locale.forLanguageTag(rs.getString("locale")),
                        strings(rs.getString("model")),
                        secrets(rs.getBytes("sealed_secrets"), rs.getString("secrets")),
                        rs.getInt("attempts"),
                        rs.getObject("subject_id", UUID.class)),
                lease.toString(),
                limit);
        return rows.stream().sorted(Comparator.comparingLong(Claimed::id)).toList();
    }

    /** Sent: recorded with its time, and whatever secret it carried is erased at once. */
    void sent(long id) {
        jdbc.update(
                attempted(
                        "UPDATE mail_outbox SET status = 'SENT', sent_at = now(), secrets = NULL, sealed_secrets = NULL, "
                                + "claimed_until = NULL WHERE id = ?",
                        "SENT"),
                id,
                null);
    }

    /** This attempt failed: try again after {@code wait}. */
    void retry(long id, String error, Duration wait) {
        jdbc.update(
                attempted(
                        "UPDATE mail_outbox SET next_attempt_at = now() + ?::interval, claimed_until = NULL, "
                                + "last_error = ? WHERE id = ? AND status = 'QUEUED'",
                        "FAILED"),
                wait.toString(),
                error,
                id,
                error);
    }

    /** Given up after too many attempts; its secrets are of no use any more. */
    void giveUp(long id, String error) {
        jdbc.update(
                attempted(
                        "UPDATE mail_outbox SET status = 'FAILED', secrets = NULL, sealed_secrets = NULL, claimed_until = NULL, "
                                + "last_error = ? WHERE id = ? AND status = 'QUEUED'",
                        "FAILED"),
                error,
                id,
                error);
    }

    /**
     * The update of a mail's row after an attempt, with the attempt's outcome recorded beside it (its error is the
     * statement's last parameter).
     */
    private static String attempted(String update, String outcome) {
        return "WITH updated AS (" + update + " RETURNING id, attempts) INSERT INTO mail_attempts "
                + "(outbox_id, attempt, outcome, error) SELECT id, attempts, '" + outcome + "', ? FROM updated "
                + "ON CONFLICT DO NOTHING";
    }

    /** Hands back a claimed mail that was not attempted, without counting the attempt. */
    void release(long id) {
        jdbc.update(
                "UPDATE mail_outbox SET claimed_until = NULL, attempts = attempts - 1 "
                        + "WHERE id = ? AND status = 'QUEUED'",
                id);
    }

    /** A row's secrets: sealed, or in clear for a row queued before they were sealed. */
    private Map<String, String> secrets(byte[] sealed, String clear) {
        return sealed == null ? strings(clear) : json.readValue(masterKey.open(sealed, SEALED), STRINGS);
    }

    private Map<String, String> strings(String text) {
        return text == null ? Map.of() : json.readValue(text, STRINGS);
    }
}
