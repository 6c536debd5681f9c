package io.identity.command.company;

import io.identity.command.mail.Outbox;
import io.identity.support.privacy.PersonalDataKeys;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Shreds invitations: their keys are deleted, so their events read back with the address erased, and their mails
 * go. One still pending is withdrawn first: its link would otherwise open an invitation to nobody. Call inside the
 * transaction of the change that decides it; kept aggregates hold the addresses in clear and must be dropped after.
 */
@Component
public class InvitationShredder {

    private final InvitationIndex index;
    private final CommandGateway gateway;
    private final Outbox outbox;
    private final PersonalDataKeys keys;

    InvitationShredder(InvitationIndex index, CommandGateway gateway, Outbox outbox, PersonalDataKeys keys) {
        this.index = index;
        this.gateway = gateway;
        this.outbox = outbox;
        this.keys = keys;
    }

    public void shred(List<UUID> invitationIds) {
        if (invitationIds.isEmpty()) {
            return;
        }
        for (var open : index.open(invitationIds)) {
            gateway.sendAndWait(new WithdrawInvitation(open.companyId(), open.invitationId()));
        }
        for (var invitation : invitationIds) {
            outbox.forget(invitation);
            keys.erase(invitation);
        }
        index.shredded(invitationIds);
    }
}
