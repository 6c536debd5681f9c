package io.identity.command.company;

import io.identity.command.web.Commands;
import io.identity.command.web.Input;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Company commands; the caller's permissions are decided by the Company aggregate. */
@RestController
class CompanyController {

    private final Commands commands;

    CompanyController(Commands commands) {
        this.commands = commands;
    }

    record CreateCompanyRequest(String name, String description) {
    }

    record Created(UUID companyId) {
    }

    @PostMapping("/api/v1/companies")
    ResponseEntity<Created> create(Caller caller, @RequestBody CreateCompanyRequest request) {
        var input = new Input();
        var name = input.text("name", request.name(), 1, 100);
        var description = input.text("description", request.description(), 0, 1000);
        input.check();
        var companyId = UUID.randomUUID();
        var stored = commands.send(new CreateCompany(companyId, name, description, caller.userId()));
        return Responses.of(HttpStatus.CREATED, stored, new Created(companyId));
    }
}
