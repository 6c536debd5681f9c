package io.identity.command.registration;

import io.identity.command.company.CreateCompany;
import io.identity.command.handling.Commands;
import io.identity.command.mail.MailLocales;
import io.identity.command.user.EmailVerifications;
import io.identity.command.user.NewAccounts;
import io.identity.command.web.FieldValidation;
import io.identity.events.user.RegistrationMethod;
import io.identity.support.request.RequestContext;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * A self-service registration: the account, the mail that verifies its address, and the company it owns when one
 * is named, in one transaction. Every broken rule of the request is reported at once.
 */
@Component
class Registration {

    private final Commands commands;
    private final CommandGateway gateway;
    private final NewAccounts newAccounts;
    private final EmailVerifications verifications;

    Registration(Commands commands, CommandGateway gateway, NewAccounts newAccounts, EmailVerifications verifications) {
        this.commands = commands;
        this.gateway = gateway;
        this.newAccounts = newAccounts;
        this.verifications = verifications;
    }

    /** A company to create with the account: a name and, optionally, a description. */
    record NewCompany(String name, String description) {}

    record Registered(UUID userId, UUID companyId) {}

    Commands.Stored<Registered> register(
            String username, String email, String password, String displayName, NewCompany company, String language) {
        var fields = new FieldValidation();
        var companyName = company == null ? null : fields.text("company.name", company.name(), 1, 100);
        var description = company == null ? null : fields.text("company.description", company.description(), 0, 1000);
        var account = newAccounts.check(fields, username, email, password, displayName);
        var userId = account.userId();
        var companyId = companyName == null ? null : UUID.randomUUID();
        var locale = MailLocales.fromAcceptLanguage(language);
        // a self-service registration is the new user's own act
        RequestContext.actor(userId);
        try {
            return commands.run(() -> {
                newAccounts.register(account, RegistrationMethod.PASSWORD);
                verifications.request(userId, account.email(), account.username(), locale);
                if (companyId != null) {
                    gateway.sendAndWait(new CreateCompany(companyId, companyName, description, userId));
                }
                return new Registered(userId, companyId);
            });
        } catch (RuntimeException e) {
            throw NewAccounts.translate(e);
        }
    }
}
