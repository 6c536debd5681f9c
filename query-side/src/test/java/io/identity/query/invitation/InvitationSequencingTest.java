package io.identity.query.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.mail.DeliveryStatus;
import io.identity.events.mail.MailDelivery;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** An invitation's events are one sequence, whichever stream holds them; other events keep their aggregate's. */
class InvitationSequencingTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID COMPANY = UUID.randomUUID();
    private static final UUID INVITATION = UUID.randomUUID();

    private final InvitationSequencing sequencing = new InvitationSequencing();

    @Test
    void anInvitationMadeInItsCompanysStreamAndAnsweredInItsOwnIsOneSequence() {
        var invitedInTheCompanysStream = new GenericDomainEventMessage<>(
                "Company",
                COMPANY.toString(),
                4,
                new MemberInvited(
                        INVITATION,
                        COMPANY,
                        "ada@example.com",
                        CompanyRole.MEMBER,
                        UUID.randomUUID(),
                        "hash",
                        NOW,
                        NOW));
        var acceptedInItsOwn = new GenericDomainEventMessage<>(
                "Invitation",
                INVITATION.toString(),
                1,
                new InvitationAccepted(INVITATION, COMPANY, UUID.randomUUID(), NOW));
        assertThat(sequencing.getSequenceIdentifierFor(invitedInTheCompanysStream))
                .isEqualTo(sequencing.getSequenceIdentifierFor(acceptedInItsOwn))
                .isEqualTo(INVITATION.toString());
    }

    @Test
    void otherEventsAreSequencedByTheirAggregateOrTheirOwnId() {
        var joined = new GenericDomainEventMessage<>(
                "Company",
                COMPANY.toString(),
                5,
                new MemberJoined(COMPANY, UUID.randomUUID(), CompanyRole.MEMBER, NOW));
        assertThat(sequencing.getSequenceIdentifierFor(joined)).isEqualTo(COMPANY.toString());
        var delivery = GenericEventMessage.asEventMessage(
                new MailDelivery(INVITATION, "invitation", DeliveryStatus.SENT, 1, NOW));
        assertThat(sequencing.getSequenceIdentifierFor(delivery)).isNotEqualTo(INVITATION.toString());
    }
}
