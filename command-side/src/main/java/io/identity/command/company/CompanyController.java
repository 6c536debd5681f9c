package io.identity.command.company;

import io.identity.command.handling.Commands;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Company commands (§6); the caller's permissions are decided by the Company aggregate. */
@RestController
class CompanyController {

    private final Commands commands;
    private final CompanyDeletion deletion;

    CompanyController(Commands commands, CompanyDeletion deletion) {
        this.commands = commands;
        this.deletion = deletion;
    }

    record CreateCompanyRequest(String name, String description) {}

    record Created(UUID companyId) {}

    record RoleRequest(String role) {}

    @PostMapping("/api/v1/companies")
    ResponseEntity<Created> create(Caller caller, @RequestBody CreateCompanyRequest request) {
        var input = new FieldValidation();
        var name = input.text("name", request.name(), 1, 100);
        var description = input.text("description", request.description(), 0, 1000);
        input.check();
        var companyId = UUID.randomUUID();
        var stored = commands.send(new CreateCompany(companyId, name, description, caller.userId()));
        return Responses.of(HttpStatus.CREATED, stored, new Created(companyId));
    }

    @PatchMapping("/api/v1/companies/{companyId}")
    ResponseEntity<Void> update(Caller caller, @PathVariable UUID companyId, @RequestBody Map<String, Object> patch) {
        var values = CompanyFields.details(patch);
        return Responses.noContent(commands.send(new UpdateCompany(companyId, caller.userId(), values)));
    }

    @PatchMapping("/api/v1/companies/{companyId}/settings")
    ResponseEntity<Void> settings(Caller caller, @PathVariable UUID companyId, @RequestBody Map<String, Object> patch) {
        var settings = CompanyFields.settings(patch);
        return Responses.noContent(commands.send(new ChangeCompanySettings(
                companyId,
                caller.userId(),
                settings.defaultInvitationRole(),
                settings.invitationExpiryDays(),
                settings.allowedEmailDomains(),
                settings.requireMfa(),
                caller.usedSecondFactor())));
    }

    @PutMapping("/api/v1/companies/{companyId}/members/{userId}/role")
    ResponseEntity<Void> role(
            Caller caller, @PathVariable UUID companyId, @PathVariable UUID userId, @RequestBody RoleRequest request) {
        var role = CompanyFields.role("role", request.role(), true);
        return Responses.noContent(commands.send(new ChangeMemberRole(companyId, caller.userId(), userId, role)));
    }

    @DeleteMapping("/api/v1/companies/{companyId}/members/{userId}")
    ResponseEntity<Void> remove(Caller caller, @PathVariable UUID companyId, @PathVariable UUID userId) {
        return Responses.noContent(commands.send(new RemoveMember(companyId, caller.userId(), userId)));
    }

    @DeleteMapping("/api/v1/companies/{companyId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID companyId) {
        return Responses.noContent(commands.run(() -> {
            deletion.delete(companyId, caller.userId());
            return null;
        }));
    }
}
