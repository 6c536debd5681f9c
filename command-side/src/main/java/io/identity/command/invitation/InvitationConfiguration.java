package io.identity.command.invitation;

import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;

/** The Invitation's repository, which also reads the invitations kept in their company's stream. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class InvitationConfiguration {

    @Bean
    Repository<Invitation> invitationRepository(EventStore events, InvitationLookup index, Configuration axon) {
        return new InvitationRepository(
                EventSourcingRepository.builder(Invitation.class)
                        .parameterResolverFactory(axon.parameterResolverFactory())
                        .handlerDefinition(axon.handlerDefinition(Invitation.class)),
                events,
                index);
    }
}
