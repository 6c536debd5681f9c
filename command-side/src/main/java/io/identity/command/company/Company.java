package io.identity.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A company and its members with their roles; every permission is decided from this state. */
@Aggregate
class Company {

    @AggregateIdentifier
    private UUID companyId;
    private final Map<UUID, CompanyRole> members = new HashMap<>();

    Company() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Company(CreateCompany command, Clock clock) {
        var now = clock.instant();
        apply(new CompanyCreated(command.companyId(), command.name(), command.description(), command.ownerId(), now));
        apply(new MemberJoined(command.companyId(), command.ownerId(), CompanyRole.OWNER, now));
    }

    @EventSourcingHandler
    void on(CompanyCreated event) {
        companyId = event.companyId();
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        members.put(event.userId(), event.role());
    }
}
