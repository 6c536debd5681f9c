package io.identity.command.invitation;

import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Invitations from the event store. An invitation made since invitations are aggregates of their own has its own
 * stream, from sequence 0. One made before lived in its company's stream, where its events stay as they were stored
 * (the audit log's hash chain covers them, and the stream's consumers have them): it is read from there, its events
 * numbered 0, 1, … as its own, and whatever happens to it now is appended to its own stream after them. The company
 * of such an invitation is known from the {@link InvitationLookup}, which has it for every invitation.
 */
final class InvitationRepository extends EventSourcingRepository<Invitation> {

    private static final String TYPE = Invitation.class.getSimpleName();

    private final EventStore events;
    private final InvitationLookup index;

    InvitationRepository(Builder<Invitation> builder, EventStore events, InvitationLookup index) {
        super(builder.eventStore(events));
        this.events = events;
        this.index = index;
    }

    @Override
    protected DomainEventStream readEvents(String invitationId) {
        var own = super.readEvents(invitationId);
        if (own.hasNext() && own.peek().getSequenceNumber() == 0) {
            return own;
        }
        var companyId = parse(invitationId).flatMap(index::companyOf);
        if (companyId.isEmpty()) {
            return own;
        }
        var legacy = new ArrayList<DomainEventMessage<?>>();
        var stored = events.readEvents(companyId.get().toString(), 0);
        while (stored.hasNext()) {
            var event = stored.next();
            if (event.getPayloadType().getPackageName().equals(MemberInvited.class.getPackageName())
                    && invitationId.equals(String.valueOf(invitationOf(event.getPayload())))) {
                legacy.add(new GenericDomainEventMessage<>(
                        TYPE,
                        invitationId,
                        legacy.size(),
                        event.getPayload(),
                        event.getMetaData(),
                        event.getIdentifier(),
                        event.getTimestamp()));
            }
        }
        if (own.hasNext() && own.peek().getSequenceNumber() != legacy.size()) {
            throw new IllegalStateException("Invitation " + invitationId + " has " + legacy.size() + " events in "
                    + "its company's stream, but its own stream starts at "
                    + own.peek().getSequenceNumber());
        }
        return DomainEventStream.concat(DomainEventStream.of(legacy), own);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UUID invitationOf(Object payload) {
        if (payload instanceof MemberInvited event) {
            return event.invitationId();
        }
        if (payload instanceof InvitationResent event) {
            return event.invitationId();
        }
        if (payload instanceof InvitationAccepted event) {
            return event.invitationId();
        }
        if (payload instanceof InvitationDeclined event) {
            return event.invitationId();
        }
        if (payload instanceof InvitationRevoked event) {
            return event.invitationId();
        }
        if (payload instanceof InvitationExpired event) {
            return event.invitationId();
        }
        return null;
    }
}
