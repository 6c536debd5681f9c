package io.identity.command.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.support.test.Eventually;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

class MailDispatcherTest extends CommandSideTest {

    @Autowired
    Outbox outbox;

    @Autowired
    JavaMailSender sender;

    @Autowired
    MailTemplates templates;

    @Autowired
    MailSettings settings;

    @Autowired
    TransactionTemplate transactions;

    private List<String> queue(String tag, int count, String template) {
        var recipients = IntStream.range(0, count)
                .mapToObj(i -> tag + "-" + i + "@example.com")
                .toList();
        transactions.executeWithoutResult(status -> recipients.forEach(to -> outbox.enqueue(new Mail(
                to,
                template,
                Locale.ENGLISH,
                null,
                Map.of("name", tag),
                Map.of("link", "http://localhost/verify-email?token=" + tag)))));
        return recipients;
    }

    private long count(String sql, String tag) {
        return jdbc.queryForObject(sql, Long.class, tag + "-%");
    }

    private boolean allSent(String tag, int count) {
        return count("SELECT count(*) FROM mail_outbox WHERE recipient LIKE ? AND status = 'SENT'", tag) == count;
    }

    /** Several dispatchers (and the application's own) race over one table: every mail is sent exactly once. */
    @Autowired
    EventGateway events;

    @Test
    void concurrentDispatchersNeverSendAMailTwice() throws Exception {
        var tag = unique("race");
        var recipients = queue(tag, 60, "verify-email");
        var small = new MailSettings(
                settings.productName(),
                settings.from(),
                settings.dispatchInterval(),
                3,
                settings.lease(),
                settings.maxAttempts(),
                settings.retryInitial(),
                settings.retryMax(),
                settings.retention());
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var runs = new ArrayList<Future<?>>();
            for (int i = 0; i < 8; i++) {
                var dispatcher = new MailDispatcher(outbox, sender, templates, small, events, transactions);
                runs.add(pool.submit(() -> {
                    start.await();
                    while (!allSent(tag, recipients.size())) {
                        dispatcher.dispatch();
                        Thread.sleep(5);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        recipients.forEach(to -> TestSmtp.awaitMessages(to, 1));
        Thread.sleep(500);
        recipients.forEach(to -> assertThat(TestSmtp.messagesTo(to)).as(to).hasSize(1));
        assertThat(count(
                        "SELECT count(*) FROM mail_outbox WHERE recipient LIKE ? AND attempts = 1 "
                                + "AND sent_at IS NOT NULL AND secrets IS NULL AND claimed_until IS NULL",
                        tag))
                .isEqualTo(60);
    }

    @Test
    void mailQueuedDuringAnSmtpOutageArrivesOnceTheServerIsBack() throws Exception {
        var tag = unique("outage");
        List<String> recipients;
        TestSmtp.stop();
        try {
            recipients = queue(tag, 5, "verify-email");
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> count(
                                            "SELECT count(*) FROM mail_outbox "
                                                    + "WHERE recipient LIKE ? AND status = 'QUEUED' AND attempts >= 2 AND last_error IS NOT NULL",
                                            tag)
                                    == 5))
                    .as("every mail was tried and rescheduled")
                    .isTrue();
            assertThat(count(
                            "SELECT count(*) FROM mail_outbox o WHERE recipient LIKE ? AND sealed_secrets IS NOT NULL "
                                    + "AND secrets IS NULL AND position('token=' in o::text) = 0",
                            tag))
                    .as("a waiting mail's link is sealed, never in clear")
                    .isEqualTo(5);
        } finally {
            TestSmtp.start();
        }
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> allSent(tag, 5)))
                .isTrue();
        recipients.forEach(to -> TestSmtp.awaitMessages(to, 1));
        Thread.sleep(500);
        recipients.forEach(to -> assertThat(TestSmtp.messagesTo(to)).as(to).hasSize(1));
        assertThat(TestSmtp.verificationToken(
                        TestSmtp.messagesTo(recipients.get(0)).get(0)))
                .as("the link as queued")
                .isEqualTo(tag);
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient LIKE ? AND sealed_secrets IS NULL", tag))
                .as("gone once sent")
                .isEqualTo(5);
        var errors = jdbc.queryForList(
                "SELECT last_error FROM mail_outbox WHERE recipient LIKE ?", String.class, tag + "-%");
        assertThat(errors)
                .allSatisfy(error -> assertThat(error)
                        .hasSizeLessThanOrEqualTo(200)
                        .doesNotContain("token=")
                        .doesNotContain("\n"));
        var attempts = jdbc.queryForList(
                "SELECT string_agg(a.outcome || ':' || (a.error IS NOT NULL), ',' "
                        + "ORDER BY a.attempt) FROM mail_attempts a JOIN mail_outbox m ON m.id = a.outbox_id "
                        + "WHERE m.recipient LIKE ? GROUP BY m.id",
                String.class,
                tag + "-%");
        assertThat(attempts)
                .as("every attempt's outcome, failures first")
                .hasSize(5)
                .allSatisfy(outcomes -> assertThat(outcomes).matches("(FAILED:true,)+SENT:false"));
    }

    @Test
    void aMailThatCannotBeSentIsGivenUpAfterTheMaximumAttempts() {
        var tag = unique("broken");
        queue(tag, 1, "no-such-template");
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> count(
                                        "SELECT count(*) FROM mail_outbox "
                                                + "WHERE recipient LIKE ? AND status = 'FAILED'",
                                        tag)
                                == 1))
                .isTrue();
        var row = jdbc.queryForMap(
                "SELECT attempts, secrets, sealed_secrets, last_error, sent_at FROM mail_outbox "
                        + "WHERE recipient LIKE ?",
                tag + "-%");
        assertThat(row.get("attempts")).isEqualTo(settings.maxAttempts());
        assertThat(row.get("secrets")).isNull();
        assertThat(row.get("sealed_secrets")).isNull();
        assertThat(row.get("sent_at")).isNull();
        assertThat((String) row.get("last_error")).isNotBlank();
        assertThat(jdbc.queryForList(
                        "SELECT a.outcome FROM mail_attempts a JOIN mail_outbox m ON m.id = a.outbox_id "
                                + "WHERE m.recipient LIKE ? ORDER BY a.attempt",
                        String.class,
                        tag + "-%"))
                .containsExactlyElementsOf(Collections.nCopies(settings.maxAttempts(), "FAILED"));
    }

    @Test
    void mailIsOnlyQueuedInsideTheTransactionOfItsCause() {
        var outside = new Mail("x@example.com", "verify-email", Locale.ENGLISH, null, Map.of(), Map.of());
        assertThatThrownBy(() -> outbox.enqueue(outside)).isInstanceOf(IllegalStateException.class);
        var tag = unique("rollback");
        try {
            transactions.executeWithoutResult(status -> {
                outbox.enqueue(
                        new Mail(tag + "-0@example.com", "verify-email", Locale.ENGLISH, null, Map.of(), Map.of()));
                throw new IllegalStateException("the cause failed");
            });
        } catch (IllegalStateException expected) {
            // the mail went with it
        }
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient LIKE ?", tag))
                .isZero();
    }

    /** A user without an address (made through a provider whose address did not count) gets no mail at all. */
    @Test
    void aMailWithoutARecipientIsDropped() {
        var subject = UUID.randomUUID();
        transactions.executeWithoutResult(status ->
                outbox.enqueue(new Mail(null, "welcome", Locale.ENGLISH, subject, Map.of("name", "nobody"), Map.of())));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mail_outbox WHERE subject_id = ?", Long.class, subject))
                .isZero();
    }

    @Test
    void mailsDoneWithAreForgottenAfterTheRetention() {
        var tag = unique("kept");
        queue(tag, 2, "verify-email");
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> allSent(tag, 2)))
                .isTrue();
        jdbc.update(
                "UPDATE mail_outbox SET sent_at = now() - interval '31 days' WHERE recipient = ?",
                tag + "-0@example.com");
        assertThat(outbox.purgeDone(Duration.ofDays(30))).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient LIKE ?", tag))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM mail_attempts a JOIN mail_outbox m ON m.id = a.outbox_id "
                                + "WHERE m.recipient LIKE ?",
                        tag))
                .as("the younger one's attempt stays")
                .isEqualTo(1);
    }

    /** An SMTP server's reply names addresses and can quote the mail: only its status code is kept. */
    @Test
    void aFailureIsKeptAsItsSmtpStatusCodeOrItsTypesNeverItsText() throws Exception {
        var refused = new SMTPAddressFailedException(
                new InternetAddress("victim@example.org"),
                "RCPT TO",
                550,
                "550 5.1.1 <victim@example.org>: no such user here");
        var wrapped = new MailSendException(Map.of("message", new SendFailedException("Invalid Addresses", refused)));
        assertThat(MailDispatcher.describe(wrapped)).isEqualTo("SMTP 550");
        var down = new MailSendException(
                "Mail server connection failed",
                new MessagingException(
                        "Could not connect to SMTP host: mail.example.org",
                        new ConnectException("Connection refused")));
        assertThat(MailDispatcher.describe(down))
                .isEqualTo("MailSendException < MessagingException < ConnectException")
                .doesNotContain("example.org");
    }

    @Test
    void retriesBackOffExponentiallyUpToTheMaximum() {
        var defaults = new MailSettings(null, null, null, null, null, null, null, null, null);
        assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.backoff(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(defaults.backoff(10)).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.backoff(100)).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.maxAttempts()).isEqualTo(12);
    }

    @Test
    void mailIsInGermanOrEnglishAsTheRequestPrefers() {
        assertThat(MailLocales.fromAcceptLanguage("de-AT,de;q=0.9")).isEqualTo(Locale.GERMAN);
        assertThat(MailLocales.fromAcceptLanguage("fr;q=1, en;q=0.2")).isEqualTo(Locale.ENGLISH);
        assertThat(MailLocales.fromAcceptLanguage("not a language range;;")).isEqualTo(Locale.ENGLISH);
        assertThat(MailLocales.fromAcceptLanguage(null)).isEqualTo(Locale.ENGLISH);
    }
}
