package io.identity.command.invitation;

import io.identity.command.company.CancelInvitation;
import io.identity.command.company.CloseInvitation;
import io.identity.command.company.CompanyDeletion;
import io.identity.command.company.DeleteCompany;
import io.identity.command.company.InvitationTerms;
import io.identity.command.company.InviteMember;
import io.identity.command.company.JoinByInvitation;
import io.identity.command.company.RenewInvitation;
import io.identity.command.kernel.EmailAddresses;
import io.identity.events.company.CompanyRole;
import io.identity.support.problem.IdentityException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Every step of an invitation's life that concerns its company too, each as one change of both aggregates: the
 * Company's command and the Invitation's run in one unit of work, whose events are appended together, in one
 * PostgreSQL transaction, at its end. So there is never a moment, whatever fails or crashes, where one aggregate
 * recorded its part and the other not: an accepted invitation without the membership, a membership without the
 * accepted invitation, an invitation the company does not count or counts as open after it ended. The aggregate
 * that decides goes first: the Company for inviting, resending, revoking and deleting; the Invitation for an answer
 * by link and for the ends that only it can tell (expired, withdrawn). A concurrent change of either aggregate makes
 * the append fail on the store's unique (aggregate, sequence), and the whole is run again ({@code Commands}).
 */
@Component
class InvitationFlows implements CompanyDeletion {

    private final CommandGateway gateway;
    private final TransactionManager transactions;
    private final InvitationLookup index;

    InvitationFlows(CommandGateway gateway, TransactionManager transactions, InvitationLookup index) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.index = index;
    }

    /** What an invitation's mail and response say. */
    record Sent(String companyName, String email, Instant expiresAt) {
        @Override
        public String toString() {
            return "Sent[" + expiresAt + "]";
        }
    }

    /** Whom to tell of an answer, and what about. */
    record Answered(UUID companyId, UUID inviterId, String email, String companyName) {
        @Override
        public String toString() {
            return "Answered[" + companyId + ", " + inviterId + "]";
        }
    }

    /**
     * The company decides (with its invitations to the address that ran out closed first, so that they no longer
     * count), and the invitation is made.
     */
    Sent invite(
            UUID companyId,
            UUID actorId,
            UUID invitationId,
            String email,
            CompanyRole role,
            UUID inviteeUserId,
            String tokenHash) {
        return together(() -> {
            for (var expired : index.claimExpiredTo(companyId, EmailAddresses.hash(email))) {
                expire(companyId, expired);
            }
            InvitationTerms invited =
                    gateway.sendAndWait(new InviteMember(companyId, actorId, invitationId, email, role, inviteeUserId));
            gateway.sendAndWait(new IssueInvitation(
                    invitationId, companyId, email, invited.role(), actorId, tokenHash, invited.expiresAt()));
            return new Sent(invited.companyName(), email, invited.expiresAt());
        });
    }

    Sent resend(UUID invitationId, UUID actorId, String tokenHash) {
        var companyId = index.companyOf(invitationId).orElseThrow(IdentityException::notFound);
        return together(() -> {
            InvitationTerms renewed = gateway.sendAndWait(new RenewInvitation(companyId, actorId, invitationId));
            String email =
                    gateway.sendAndWait(new ResendInvitation(invitationId, actorId, tokenHash, renewed.expiresAt()));
            return new Sent(renewed.companyName(), email, renewed.expiresAt());
        });
    }

    void revoke(UUID invitationId, UUID actorId) {
        var companyId = index.companyOf(invitationId).orElseThrow(IdentityException::notFound);
        together(() -> {
            gateway.sendAndWait(new CancelInvitation(companyId, actorId, invitationId));
            return gateway.sendAndWait(new RevokeInvitation(invitationId, actorId));
        });
    }

    /** The invitee accepts, and joins: one change. */
    Answered accept(UUID invitationId, String tokenHash, UUID userId, String verifiedEmail) {
        return together(() -> {
            Invitation.Answer answer =
                    gateway.sendAndWait(new AcceptInvitation(invitationId, tokenHash, userId, verifiedEmail));
            String company = gateway.sendAndWait(new JoinByInvitation(answer.companyId(), invitationId, userId));
            return new Answered(answer.companyId(), answer.invitedBy(), answer.email(), company);
        });
    }

    Answered decline(UUID invitationId, String tokenHash) {
        return together(() -> {
            Invitation.Answer answer = gateway.sendAndWait(new DeclineInvitation(invitationId, tokenHash));
            String company = gateway.sendAndWait(new CloseInvitation(answer.companyId(), invitationId));
            return new Answered(answer.companyId(), answer.invitedBy(), answer.email(), company);
        });
    }

    /** Closes an invitation whose time ran out, if it is still pending. */
    void expire(UUID companyId, UUID invitationId) {
        together(() -> {
            if (gateway.<Boolean>sendAndWait(new ExpireInvitation(invitationId))) {
                gateway.sendAndWait(new CloseInvitation(companyId, invitationId));
            }
            return null;
        });
    }

    /** Revokes, in nobody's name, the invitations still pending of these (their address is being erased). */
    void withdraw(List<InvitationLookup.Invited> invitations) {
        together(() -> {
            for (var invitation : invitations) {
                if (gateway.<Boolean>sendAndWait(new WithdrawInvitation(invitation.invitationId(), null))) {
                    gateway.sendAndWait(new CloseInvitation(invitation.companyId(), invitation.invitationId()));
                }
            }
            return null;
        });
    }

    /** The company is deleted, and the invitations it had open are withdrawn in the name of who deleted it. */
    @Override
    public void delete(UUID companyId, UUID actorId) {
        together(() -> {
            List<UUID> closed = gateway.sendAndWait(new DeleteCompany(companyId, actorId));
            for (var invitationId : closed) {
                gateway.sendAndWait(new WithdrawInvitation(invitationId, actorId));
            }
            return null;
        });
    }

    /**
     * Runs the commands of the work in one unit of work: each command's own unit of work is nested in it, so the
     * events of all of them are appended when it commits, in its transaction (joining the caller's, if any). A
     * failure of any command rolls back all of them.
     */
    private <T> T together(Supplier<T> work) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        var result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            var failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
