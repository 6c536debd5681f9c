package io.identity.command.invitation;

import io.identity.command.mail.Outbox;
import io.identity.support.privacy.PersonalDataKeys;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Shreds invitations: their keys are deleted, so their events read back with the address erased, and their mails
 * go. One still pending is withdrawn first: its link would otherwise open an invitation to nobody. Call inside the
 * transaction of the change that decides it; kept aggregates hold what they read of the addresses and must be dropped after.
 */
@Component
public class InvitationShredder {

    private final InvitationLookup index;
    private final InvitationFlows flows;
    private final Outbox outbox;
    private final PersonalDataKeys keys;

    InvitationShredder(InvitationLookup index, InvitationFlows flows, Outbox outbox, PersonalDataKeys keys) {
        this.index = index;
        this.flows = flows;
        this.outbox = outbox;
        this.keys = keys;
    }

    public void shred(List<UUID> invitationIds) {
        if (invitationIds.isEmpty()) {
            return;
        }
        flows.withdraw(index.open(invitationIds));
        for (var invitation : invitationIds) {
            outbox.forget(invitation);
            keys.erase(invitation);
        }
        index.shredded(invitationIds);
    }
}
