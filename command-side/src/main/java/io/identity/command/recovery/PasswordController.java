package io.identity.command.recovery;

import io.identity.command.auth.PasswordHasher;
import io.identity.command.auth.PasswordPolicy;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.ChangePassword;
import io.identity.command.web.Commands;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/users/me/password}: a new password, given the current one; other sessions end. */
@RestController
class PasswordController {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Sessions sessions;

    PasswordController(Accounts accounts, PasswordHasher hasher, PasswordPolicy policy, Commands commands,
                       CommandGateway gateway, Sessions sessions) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
    }

    record ChangeRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangeRequest[]";
        }
    }

    @PostMapping("/api/v1/users/me/password")
    ResponseEntity<Void> change(Caller caller, @RequestBody ChangeRequest request) {
        var account = currentAccount(accounts, hasher, caller, request.currentPassword());
        PasswordRules.check(policy, "newPassword", request.newPassword(), account);
        var hash = hasher.hash(request.newPassword());
        var stored = commands.run(() -> {
            gateway.sendAndWait(new ChangePassword(account.userId(), hash));
            sessions.endAll(account.userId(), caller.sessionId());
            return null;
        });
        return Responses.noContent(stored);
    }

    /** The caller's account, when the current password they gave is right; else {@code 400 invalid_credentials}. */
    static Account currentAccount(Accounts accounts, PasswordHasher hasher, Caller caller, String currentPassword) {
        var account = accounts.byId(caller.userId()).orElseThrow(IdentityException::unauthenticated);
        if (currentPassword == null || !hasher.matches(currentPassword, account.passwordHash())) {
            throw new IdentityException(ErrorCode.INVALID_CREDENTIALS, HttpStatus.BAD_REQUEST,
                    "The current password is wrong.");
        }
        return account;
    }
}
