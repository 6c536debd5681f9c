package io.identity.command.user;

import java.util.UUID;

/**
 * What the command side must know of a user to let them in, mint their tokens and write to them
 * ({@code locale}: the language they chose, or null; {@code notifyCompany}: whether they want mail about
 * activity in their companies).
 */
public record Account(
        UUID userId,
        String username,
        String email,
        String passwordHash,
        boolean emailVerified,
        String status,
        String locale,
        boolean notifyCompany) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** Locked by an operator (§14): not active, and told so at sign-in after the right password. */
    public boolean locked() {
        return "LOCKED".equals(status);
    }

    @Override
    public String toString() {
        return "Account[" + userId + "]";
    }
}
