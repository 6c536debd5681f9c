package io.identity.command.user;

import java.util.UUID;

/** What the command side must know of a user to let them in and to mint their tokens. */
public record Account(UUID userId, String username, String email, String passwordHash, boolean emailVerified,
                      String status) {

    @Override
    public String toString() {
        return "Account[" + userId + "]";
    }
}
