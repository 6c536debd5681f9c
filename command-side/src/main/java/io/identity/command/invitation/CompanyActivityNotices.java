package io.identity.command.invitation;

import io.identity.command.company.CompanyMembers;
import io.identity.command.company.CompanyNames;
import io.identity.command.kernel.EmailAddresses;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.stream.IdempotentConsumer;
import io.identity.command.stream.StreamMessage;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * A consumer of the event stream: the OWNERs and ADMINs of a company hear by mail of a new invitation
 * ({@code MemberInvited}) and of a new member who came by one ({@code InvitationAccepted}), each once, if they
 * chose to hear about activity in their companies ({@code emailNotifications.companyActivity}). They are the
 * company's managers and their choices when the message is handled (a consumer behind the stream sees the present,
 * not the event's moment); whom the fact is about, and who invited, are not told of it (the inviter of an accepted
 * invitation hears of it already, by the answer's own notice).
 */
@Component
@ConditionalOnProperty(name = "identity.kafka.enabled", havingValue = "true", matchIfMissing = true)
public class CompanyActivityNotices {

    /** The listener's id, its consumer group's last name and its name in {@code consumed_events}. */
    public static final String CONSUMER = "company-activity";

    private static final String INVITED = "identity.invitation.MemberInvited";
    private static final String ACCEPTED = "identity.invitation.InvitationAccepted";
    private static final Set<String> TYPES = Set.of(INVITED, ACCEPTED);

    private final IdempotentConsumer reactions;
    private final Accounts accounts;
    private final Outbox outbox;
    private final CompanyNames companies;
    private final CompanyMembers members;
    private final InvitationLookup invitations;

    CompanyActivityNotices(
            IdempotentConsumer reactions,
            Accounts accounts,
            Outbox outbox,
            CompanyNames companies,
            CompanyMembers members,
            InvitationLookup invitations) {
        this.reactions = reactions;
        this.accounts = accounts;
        this.outbox = outbox;
        this.companies = companies;
        this.members = members;
        this.invitations = invitations;
    }

    @KafkaListener(
            id = CONSUMER,
            groupId = "${identity.kafka.topic-prefix:identity.}" + CONSUMER,
            topics = "${identity.kafka.topic-prefix:identity.}invitations")
    void onMessage(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        handle(record);
        acknowledgment.acknowledge();
    }

    /**
     * Acts on one message of the invitations topic: what the listener does before it commits its offset.
     *
     * @return how many notices were queued
     */
    public int handle(ConsumerRecord<String, byte[]> record) {
        return reactions.once(CONSUMER, record, TYPES, this::queueNotices).orElse(0);
    }

    private int queueNotices(StreamMessage event) {
        var companyId = event.uuid("companyId");
        var company = companies.ofLiveCompany(companyId);
        if (company.isEmpty()) {
            return 0;
        }
        var model = new HashMap<String, String>();
        model.put("company", company.get());
        model.put("subject", company.get());
        String template;
        UUID inviterId;
        var about = new HashSet<UUID>(); // whom the fact is about, or who caused it: they know
        String aboutEmail = null; // the invited address: its holder may join while this runs, so it is matched as is
        if (INVITED.equals(event.type())) {
            template = "company-member-invited";
            inviterId = event.uuid("invitedBy");
            var email = event.text("email");
            if (email == null) {
                return 0;
            }
            aboutEmail = EmailAddresses.key(email);
            model.put("invitee", email);
            model.put("role", event.text("role"));
        } else {
            template = "company-member-joined";
            var memberId = event.uuid("userId");
            inviterId = invitations.inviterOf(event.uuid("invitationId")).orElse(null);
            about.add(memberId);
            var member = accounts.byId(memberId);
            var role = members.roleOf(companyId, memberId);
            if (member.isEmpty() || role.isEmpty()) {
                return 0; // gone again before the news went out
            }
            model.put("invitee", member.get().username());
            model.put("role", role.get().name());
        }
        if (inviterId != null) {
            about.add(inviterId);
        }
        model.put(
                "actor",
                Optional.ofNullable(inviterId)
                        .flatMap(accounts::byId)
                        .map(Account::username)
                        .orElse("?"));
        var recipients = members.managers(companyId);
        recipients.removeAll(about);
        var queued = 0;
        for (var userId : recipients) {
            var skipped = aboutEmail;
            var admin = accounts.byId(userId)
                    .filter(a -> a.active()
                            && a.notifyCompany()
                            && a.email() != null
                            && !EmailAddresses.key(a.email()).equals(skipped));
            if (admin.isPresent()) {
                var mail = new HashMap<>(model);
                mail.put("name", admin.get().username());
                outbox.enqueue(new Mail(
                                admin.get().email(),
                                template,
                                MailLocales.forUser(admin.get().locale(), null),
                                userId,
                                mail,
                                Map.of())
                        .mentioning(about.toArray(UUID[]::new)));
                queued++;
            }
        }
        return queued;
    }
}
