package io.identity.command.company;

import io.identity.command.user.Accounts;
import io.identity.events.company.CompanyRole;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A company's invitations as its rules need them: which are pending, for which address and role, with which
 * link, until when. Part of the {@link Company} aggregate, so that "one pending invitation per address" and "not
 * to a member" are decided with the members in one place, and an accepted invitation and the membership it gives
 * are one change.
 */
final class Invitations {

    enum Status { PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED }

    record Invitation(UUID id, String email, CompanyRole role, UUID invitedBy, String tokenHash, Instant expiresAt,
                      Status status) {

        boolean pendingAt(Instant now) {
            return status == Status.PENDING && now.isBefore(expiresAt);
        }

        Invitation with(Status newStatus) {
            return new Invitation(id, email, role, invitedBy, tokenHash, expiresAt, newStatus);
        }
    }

    private final Map<UUID, Invitation> byId = new HashMap<>();

    Optional<Invitation> find(UUID invitationId) {
        return Optional.ofNullable(byId.get(invitationId));
    }

    boolean pendingFor(String email, Instant now) {
        var key = Accounts.emailKey(email);
        return byId.values().stream().anyMatch(i -> Accounts.emailKey(i.email()).equals(key) && i.pendingAt(now));
    }

    Iterable<Invitation> all() {
        return byId.values();
    }

    /**
     * The invitation a link names, ready to answer: an unknown or replaced link finds nothing ({@code 404}), an
     * invitation no longer pending (answered, revoked, expired even before its deadline fired) is {@code 409}.
     */
    Invitation byLink(UUID invitationId, String tokenHash, Instant now) {
        var invitation = find(invitationId)
                .filter(i -> tokenHash != null && MessageDigest.isEqual(bytes(i.tokenHash()), bytes(tokenHash)))
                .orElseThrow(IdentityException::notFound);
        if (!invitation.pendingAt(now)) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
        return invitation;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    void on(MemberInvited event) {
        byId.put(event.invitationId(), new Invitation(event.invitationId(), event.email(), event.role(),
                event.invitedBy(), event.tokenHash(), event.expiresAt(), Status.PENDING));
    }

    void on(InvitationResent event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> new Invitation(id, i.email(), i.role(),
                i.invitedBy(), event.tokenHash(), event.expiresAt(), i.status()));
    }

    void on(InvitationRevoked event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> i.with(Status.REVOKED));
    }

    void on(InvitationAccepted event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> i.with(Status.ACCEPTED));
    }

    void on(InvitationDeclined event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> i.with(Status.DECLINED));
    }

    void on(InvitationExpired event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> i.with(Status.EXPIRED));
    }
}
