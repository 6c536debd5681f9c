package io.identity.command.invitation;

import io.identity.command.handling.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes invitations whose time ran out. The deadlines are rows in PostgreSQL (so they survive restarts), claimed
 * with SKIP LOCKED and deleted in the transaction that expires them (so each runs once across all instances). An
 * invitation past its time cannot be accepted before this runs either: the Invitation checks the time itself.
 */
@Component
class InvitationExpiry {

    private static final Logger log = LoggerFactory.getLogger(InvitationExpiry.class);

    private final InvitationLookup index;
    private final Commands commands;
    private final InvitationFlows flows;

    InvitationExpiry(InvitationLookup index, Commands commands, InvitationFlows flows) {
        this.index = index;
        this.commands = commands;
        this.flows = flows;
    }

    @Scheduled(
            fixedDelayString = "${identity.invitations.expiry-check-interval:30s}",
            initialDelayString = "${identity.invitations.expiry-check-interval:30s}")
    void expire() {
        try {
            commands.run(() -> {
                for (var expired : index.claimExpired(100)) {
                    flows.expire(expired.companyId(), expired.invitationId());
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Expiring invitations failed, retried later: {}", e.getMessage());
        }
    }
}
