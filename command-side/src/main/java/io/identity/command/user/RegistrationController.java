package io.identity.command.user;

import io.identity.command.auth.PasswordHasher;
import io.identity.command.auth.PasswordPolicy;
import io.identity.command.company.CreateCompany;
import io.identity.command.mail.MailLocales;
import io.identity.command.web.Commands;
import io.identity.command.web.Input;
import io.identity.command.web.Responses;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/registrations}: a new account, and optionally a company it owns. */
@RestController
class RegistrationController {

    private final Commands commands;
    private final CommandGateway gateway;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final EmailVerifications verifications;

    RegistrationController(Commands commands, CommandGateway gateway, Accounts accounts, PasswordPolicy policy,
                           PasswordHasher hasher, EmailVerifications verifications) {
        this.commands = commands;
        this.gateway = gateway;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.verifications = verifications;
    }

    record CompanyRequest(String name, String description) {
    }

    record RegistrationRequest(String username, String email, String password, String displayName,
                               CompanyRequest company) {
    }

    record Registered(UUID userId, UUID companyId) {
    }

    @PostMapping("/api/v1/registrations")
    ResponseEntity<Registered> register(@RequestBody RegistrationRequest request,
                                        @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                        String language) {
        var input = new Input();
        var rawUsername = input.text("username", request.username(), 1, 256);
        var username = rawUsername == null ? null : Usernames.normalize(rawUsername);
        if (username != null && !Usernames.isValid(username)) {
            input.reject("username", "must be 3 to 32 of a-z, 0-9, '.', '_' and '-'");
        }
        var email = input.email("email", request.email());
        var displayName = input.text("displayName", request.displayName(), 0, 100);
        String companyName = null;
        String companyDescription = null;
        if (request.company() != null) {
            companyName = input.text("company.name", request.company().name(), 1, 100);
            companyDescription = input.text("company.description", request.company().description(), 0, 1000);
        }
        if (request.password() == null) {
            input.reject("password", "is required");
        }
        input.check();
        var weak = policy.check("password", request.password(), username, email);
        if (!weak.isEmpty()) {
            throw new IdentityException(ErrorCode.WEAK_PASSWORD, ErrorCode.WEAK_PASSWORD.title(), weak, null);
        }
        if (accounts.usernameTaken(username)) {
            throw Uniqueness.taken(ErrorCode.USERNAME_TAKEN);
        }
        if (accounts.emailTaken(email)) {
            throw Uniqueness.taken(ErrorCode.EMAIL_TAKEN);
        }
        var passwordHash = hasher.hash(request.password());
        var userId = UUID.randomUUID();
        var companyId = companyName == null ? null : UUID.randomUUID();
        var name = displayName == null ? username : displayName;
        var company = companyName;
        var description = companyDescription;
        var locale = MailLocales.fromAcceptLanguage(language);
        // a self-service registration is the new user's own act
        RequestContext.actor(userId);
        try {
            var stored = commands.run(() -> {
                gateway.sendAndWait(new RegisterUser(userId, username, email, passwordHash, name, "PASSWORD"));
                verifications.request(userId, email, username, locale);
                if (companyId != null) {
                    gateway.sendAndWait(new CreateCompany(companyId, company, description, userId));
                }
                return new Registered(userId, companyId);
            });
            return Responses.of(HttpStatus.CREATED, stored, stored.result());
        } catch (RuntimeException e) {
            throw Uniqueness.translate(e);
        }
    }
}
