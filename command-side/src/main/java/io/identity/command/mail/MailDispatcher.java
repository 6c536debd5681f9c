package io.identity.command.mail;

import io.identity.events.mail.DeliveryStatus;
import io.identity.events.mail.MailDelivery;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds, on every instance: claims due mails, sends them outside any transaction, then
 * marks each sent or reschedules it with exponential backoff. A mail is sent twice only if the process dies
 * between handing it to the SMTP server and marking it sent (at-least-once).
 */
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int MAX_ERROR = 200;

    private final Outbox outbox;
    private final JavaMailSender sender;
    private final MailTemplates templates;
    private final MailSettings settings;

    private final EventGateway events;
    private final TransactionTemplate transactions;

    MailDispatcher(
            Outbox outbox,
            JavaMailSender sender,
            MailTemplates templates,
            MailSettings settings,
            EventGateway events,
            TransactionTemplate transactions) {
        this.outbox = outbox;
        this.sender = sender;
        this.templates = templates;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
    }

    /** What one round achieved, so that an outage costs one log line per round, not one per mail. */
    private static final class Round {
        int attempted;
        int failed;
        String firstError;
    }

    /** Drains what is due, batch by batch; a batch that was not full means nothing more is due. */
    @Scheduled(fixedDelayString = "${identity.mail.dispatch-interval:1s}")
    void dispatch() {
        var round = new Round();
        try {
            while (dispatchBatch(round) == settings.batchSize()) {
                // more may be due: go on at once
            }
        } catch (DataAccessException e) {
            // the database is away: the next round tries again; the mails are safe in the outbox
            log.warn("Mail outbox unavailable: {}", describe(e));
        }
        if (round.failed > 0) {
            log.warn(
                    "{} of {} mails could not be sent, retrying later: {}",
                    round.failed,
                    round.attempted,
                    round.firstError);
        }
    }

    private int dispatchBatch(Round round) {
        var batch = outbox.claim(settings.batchSize(), settings.lease());
        var started = System.nanoTime();
        var outOfTime = false;
        for (var mail : batch) {
            // keep far inside the lease: past it another instance may claim and send these mails too
            outOfTime =
                    outOfTime || System.nanoTime() - started > settings.lease().toNanos() / 2;
            if (outOfTime) {
                outbox.release(mail.id());
                continue;
            }
            round.attempted++;
            try {
                send(mail);
            } catch (RuntimeException e) {
                var error = describe(e);
                round.failed++;
                round.firstError = round.firstError != null ? round.firstError : error;
                failedAttempt(mail, error);
                continue;
            }
            transactions.executeWithoutResult(status -> {
                outbox.sent(mail.id());
                delivered(mail, DeliveryStatus.SENT);
            });
        }
        return outOfTime ? 0 : batch.size();
    }

    private void send(Outbox.Claimed mail) {
        var rendered = templates.render(mail.template(), mail.locale(), mail.model(), mail.secrets());
        var message = sender.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(mail.recipient());
            helper.setSubject(rendered.subject());
            helper.setText(rendered.text(), rendered.html());
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        sender.send(message);
    }

    private void failedAttempt(Outbox.Claimed mail, String error) {
        if (mail.attempts() >= settings.maxAttempts()) {
            transactions.executeWithoutResult(status -> {
                outbox.giveUp(mail.id(), error);
                delivered(mail, DeliveryStatus.FAILED);
            });
            log.error(
                    "Mail {} ({}) given up after {} attempts: {}", mail.id(), mail.template(), mail.attempts(), error);
        } else {
            outbox.retry(mail.id(), error, settings.backoff(mail.attempts()));
        }
    }

    /** What became of a mail about someone or something is a fact of its own (invitations show it). */
    private void delivered(Outbox.Claimed mail, DeliveryStatus status) {
        if (mail.subjectId() != null) {
            events.publish(new MailDelivery(mail.subjectId(), mail.template(), status, mail.attempts(), Instant.now()));
        }
    }

    /**
     * What went wrong, in one short line that quotes nobody: an SMTP server's reply names the addresses and can
     * quote the mail, so of it only the status code is kept ({@code SMTP 550}); any other failure is named by its
     * types down the chain (a connection refused, a template missing), never by its message.
     */
    static String describe(Throwable e) {
        var types = new ArrayList<String>();
        for (var link : causes(e)) {
            var code = smtpCode(link);
            if (code > 0) {
                return "SMTP " + code;
            }
            if (types.size() < 4) {
                types.add(link.getClass().getSimpleName());
            }
        }
        var text = String.join(" < ", types);
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    /** The failure, its causes, and what Spring and Jakarta Mail hang beside them (failed messages, next ones). */
    private static List<Throwable> causes(Throwable e) {
        var all = new ArrayList<Throwable>();
        var pending = new ArrayDeque<Throwable>(List.of(e));
        while (!pending.isEmpty() && all.size() < 16) {
            var link = pending.poll();
            if (link == null || all.contains(link)) {
                continue;
            }
            all.add(link);
            if (link.getCause() != null) {
                pending.add(link.getCause());
            }
            if (link instanceof MailSendException send) {
                send.getFailedMessages().values().forEach(pending::add);
            }
            if (link instanceof MessagingException messaging && messaging.getNextException() != null) {
                pending.add(messaging.getNextException());
            }
        }
        return all;
    }

    private static int smtpCode(Throwable link) {
        if (link instanceof SMTPAddressFailedException failed) {
            return failed.getReturnCode();
        }
        if (link instanceof SMTPSendFailedException failed) {
            return failed.getReturnCode();
        }
        if (link instanceof SMTPSenderFailedException failed) {
            return failed.getReturnCode();
        }
        return 0;
    }
}
