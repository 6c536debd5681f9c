package io.identity.command.registration;

import io.identity.command.company.CreateCompany;
import io.identity.command.handling.Commands;
import io.identity.command.mail.MailLocales;
import io.identity.command.user.EmailVerifications;
import io.identity.command.user.NewAccounts;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
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
    private final NewAccounts newAccounts;
    private final EmailVerifications verifications;

    RegistrationController(
            Commands commands, CommandGateway gateway, NewAccounts newAccounts, EmailVerifications verifications) {
        this.commands = commands;
        this.gateway = gateway;
        this.newAccounts = newAccounts;
        this.verifications = verifications;
    }

    record CompanyRequest(String name, String description) {}

    record RegistrationRequest(
            String username, String email, String password, String displayName, CompanyRequest company) {}

    record Registered(UUID userId, UUID companyId) {}

    @PostMapping("/api/v1/registrations")
    ResponseEntity<Registered> register(
            @RequestBody RegistrationRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        var input = new FieldValidation();
        String companyName = null;
        String companyDescription = null;
        if (request.company() != null) {
            companyName = input.text("company.name", request.company().name(), 1, 100);
            companyDescription =
                    input.text("company.description", request.company().description(), 0, 1000);
        }
        var account = newAccounts.check(
                input, request.username(), request.email(), request.password(), request.displayName());
        var userId = account.userId();
        var companyId = companyName == null ? null : UUID.randomUUID();
        var company = companyName;
        var description = companyDescription;
        var locale = MailLocales.fromAcceptLanguage(language);
        // a self-service registration is the new user's own act
        RequestContext.actor(userId);
        try {
            var stored = commands.run(() -> {
                newAccounts.register(account, "PASSWORD");
                verifications.request(userId, account.email(), account.username(), locale);
                if (companyId != null) {
                    gateway.sendAndWait(new CreateCompany(companyId, company, description, userId));
                }
                return new Registered(userId, companyId);
            });
            return Responses.of(HttpStatus.CREATED, stored, stored.result());
        } catch (RuntimeException e) {
            throw NewAccounts.translate(e);
        }
    }
}
