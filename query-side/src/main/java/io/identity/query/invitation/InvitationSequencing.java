package io.identity.query.invitation;

import io.identity.events.invitation.MemberInvited;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code invitations} read model handles an invitation's events in one sequence, by the invitation's id, rather
 * than by the aggregate that stored them. An invitation made by an earlier version has its first events in its
 * company's stream and its later ones in its own; sequenced by aggregate, a replay could apply its acceptance (in
 * one segment) before its invitation (in another) and leave it pending. Other events stay sequenced by aggregate.
 */
@Configuration(proxyBeanMethods = false)
class InvitationSequencing implements SequencingPolicy<EventMessage<?>> {

    private static final String INVITATION_EVENTS = MemberInvited.class.getPackageName();

    @Autowired
    void register(EventProcessingConfigurer configurer) {
        configurer.registerSequencingPolicy("invitations", configuration -> this);
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayloadType().getPackageName().equals(INVITATION_EVENTS)) {
            try {
                var invitationId =
                        event.getPayloadType().getMethod("invitationId").invoke(event.getPayload());
                if (invitationId != null) {
                    return invitationId.toString();
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(event.getPayloadType() + " names no invitation", e);
            }
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
