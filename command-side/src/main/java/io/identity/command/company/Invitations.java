package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A company's invitations as its rules need them: which are pending, for which address and role, until when.
 * Part of the {@link Company} aggregate, so that "one pending invitation per address" and "not to a member" are
 * decided with the members in one place, and an accepted invitation and the membership it gives are one change.
 */
final class Invitations {

    enum Status { PENDING, REVOKED }

    record Invitation(UUID id, String email, CompanyRole role, Instant expiresAt, Status status) {

        String emailKey() {
            return key(email);
        }

        boolean pendingAt(Instant now) {
            return status == Status.PENDING && now.isBefore(expiresAt);
        }
    }

    private final Map<UUID, Invitation> byId = new HashMap<>();

    static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    Optional<Invitation> find(UUID invitationId) {
        return Optional.ofNullable(byId.get(invitationId));
    }

    boolean pendingFor(String email, Instant now) {
        var key = key(email);
        return byId.values().stream().anyMatch(i -> i.emailKey().equals(key) && i.pendingAt(now));
    }

    void on(MemberInvited event) {
        byId.put(event.invitationId(), new Invitation(event.invitationId(), event.email(), event.role(),
                event.expiresAt(), Status.PENDING));
    }

    void on(InvitationResent event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> new Invitation(id, i.email(), i.role(),
                event.expiresAt(), i.status()));
    }

    void on(InvitationRevoked event) {
        byId.computeIfPresent(event.invitationId(), (id, i) -> new Invitation(id, i.email(), i.role(),
                i.expiresAt(), Status.REVOKED));
    }

    Iterable<Invitation> all() {
        return byId.values();
    }
}
