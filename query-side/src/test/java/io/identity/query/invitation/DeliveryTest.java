package io.identity.query.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.mail.DeliveryStatus;
import io.identity.events.mail.MailDelivery;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import io.identity.query.consistency.ProjectionProgress;
import io.identity.support.auth.Caller;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An invitation's delivery status whatever the order its events are processed in: a {@link MailDelivery} has no
 * aggregate, so it is processed in a segment of its own, and may come before the {@code MemberInvited} it is about.
 */
class DeliveryTest extends QuerySideTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    private InvitationQueryController controller;

    @Autowired
    private InvitationsProjection projection;

    @Autowired
    private ProjectionProgress progress;

    @Autowired
    private EventProcessingConfiguration processing;

    /** Publishes as the mail outbox does, and waits until every projection has processed it. */
    private void delivered(MailDelivery delivery) {
        eventStore.publish(GenericEventMessage.asEventMessage(delivery));
        processed();
    }

    private void processed() {
        var head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await("processed", () -> progress.hasProcessed(head));
    }

    private String deliveryStatus(UUID owner, UUID companyId) {
        var caller = new Caller(owner, UUID.randomUUID(), "owner", "owner@example.com", true);
        var items = controller.list(caller, companyId, null, null, null).items();
        assertThat(items).hasSize(1);
        return items.get(0).deliveryStatus();
    }

    @Test
    void theMailedStatusHoldsWhenTheDeliveryIsProcessedBeforeTheInvitation() throws Exception {
        var owner = UUID.randomUUID();
        var name = "own" + owner.toString().substring(0, 6);
        append(
                "User",
                owner,
                0,
                new UserRegistered(
                        owner, name, name + "@example.com", "$2a$04$hash", name, RegistrationMethod.PASSWORD, AT));
        var companyId = UUID.randomUUID();
        append("Company", companyId, 0, new CompanyCreated(companyId, "Works of " + name, null, owner, AT));
        append("Company", companyId, 1, new MemberJoined(companyId, owner, CompanyRole.OWNER, AT));
        var invitationId = UUID.randomUUID();

        delivered(new MailDelivery(invitationId, "invitation", DeliveryStatus.SENT, 1, AT.plusSeconds(2)));
        append(
                "Invitation",
                invitationId,
                0,
                new MemberInvited(
                        invitationId,
                        companyId,
                        "guest-" + name + "@example.org",
                        CompanyRole.MEMBER,
                        owner,
                        "a".repeat(64),
                        AT.plus(7, ChronoUnit.DAYS),
                        AT));
        await("invited", () -> count("SELECT count(*) FROM invitations WHERE invitation_id = ?", invitationId) == 1);
        assertThat(deliveryStatus(owner, companyId)).isEqualTo("SENT");

        // a resend mails again: its delivery starts over, and the first mail's late word does not count for it
        append(
                "Invitation",
                invitationId,
                1,
                new InvitationResent(
                        invitationId,
                        companyId,
                        "b".repeat(64),
                        AT.plus(8, ChronoUnit.DAYS),
                        owner,
                        AT.plusSeconds(10)));
        processed();
        assertThat(deliveryStatus(owner, companyId)).isEqualTo("QUEUED");
        delivered(new MailDelivery(invitationId, "invitation", DeliveryStatus.FAILED, 5, AT.plusSeconds(5)));
        assertThat(deliveryStatus(owner, companyId)).isEqualTo("QUEUED");
        var failed = new MailDelivery(invitationId, "invitation", DeliveryStatus.FAILED, 5, AT.plusSeconds(20));
        delivered(failed);
        assertThat(deliveryStatus(owner, companyId)).isEqualTo("FAILED");

        // applied again, an older word changes nothing
        var handlers = new AnnotationEventHandlerAdapter(projection);
        handlers.handle(GenericEventMessage.asEventMessage(
                new MailDelivery(invitationId, "invitation", DeliveryStatus.SENT, 1, AT.plusSeconds(2))));
        handlers.handle(GenericEventMessage.asEventMessage(failed));
        assertThat(deliveryStatus(owner, companyId)).isEqualTo("FAILED");

        // replayed from the first event, its segments in whatever order they come: the same answer
        var head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        var invitations = processing
                .eventProcessor("invitations", StreamingEventProcessor.class)
                .orElseThrow();
        invitations.shutDown();
        invitations.resetTokens();
        invitations.start();
        await(
                "replayed",
                () -> progress.hasProcessed(head)
                        && !invitations.isReplaying()
                        && count(
                                        "SELECT count(*) FROM invitation_deliveries WHERE invitation_id = ? AND at = ?",
                                        invitationId,
                                        Timestamp.from(failed.at()))
                                == 1);
        assertThat(deliveryStatus(owner, companyId)).isEqualTo("FAILED");
    }
}
