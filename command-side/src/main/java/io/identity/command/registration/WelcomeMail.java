package io.identity.command.registration;

import io.identity.command.kernel.IdentitySettings;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.stream.IdempotentConsumer;
import io.identity.command.stream.StreamMessage;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.events.user.RegistrationMethod;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * A consumer of the event stream: on {@code UserRegistered} (by password, invitation or external login) the new
 * user gets a welcome mail, once, through the outbox. It writes to the account's current address, and not at all
 * to an account erased or closed since. People moved here by an import get none: they did not sign up, and an
 * import of many would flood the outbox (the operator tells them, in their own words).
 */
@Component
@ConditionalOnProperty(name = "identity.kafka.enabled", havingValue = "true", matchIfMissing = true)
public class WelcomeMail {

    /** The listener's id, its consumer group's last name and its name in {@code consumed_events}. */
    public static final String CONSUMER = "welcome-mail";

    private static final Set<String> TYPES = Set.of("identity.user.UserRegistered");

    private final IdempotentConsumer reactions;
    private final Accounts accounts;
    private final Outbox outbox;
    private final IdentitySettings settings;

    WelcomeMail(IdempotentConsumer reactions, Accounts accounts, Outbox outbox, IdentitySettings settings) {
        this.reactions = reactions;
        this.accounts = accounts;
        this.outbox = outbox;
        this.settings = settings;
    }

    @KafkaListener(
            id = CONSUMER,
            groupId = "${identity.kafka.topic-prefix:identity.}" + CONSUMER,
            topics = "${identity.kafka.topic-prefix:identity.}users")
    void onMessage(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        handle(record);
        acknowledgment.acknowledge();
    }

    /**
     * Acts on one message of the users topic: what the listener does before it commits the message's offset.
     *
     * @return whether a welcome mail was queued
     */
    public boolean handle(ConsumerRecord<String, byte[]> record) {
        return reactions.once(CONSUMER, record, TYPES, this::welcome).orElse(false);
    }

    private boolean welcome(StreamMessage event) {
        if (RegistrationMethod.IMPORT.name().equals(event.text("method"))) {
            return false;
        }
        var account = accounts.byId(event.uuid("userId")).filter(Account::active);
        account.ifPresent(user -> {
            var displayName = event.text("displayName");
            var name = displayName != null && !displayName.isBlank() ? displayName : user.username();
            outbox.enqueue(new Mail(
                    user.email(),
                    "welcome",
                    MailLocales.forUser(user.locale(), null),
                    user.userId(),
                    Map.of("name", name, "link", settings.publicUrl()),
                    Map.of()));
        });
        return account.isPresent();
    }
}
