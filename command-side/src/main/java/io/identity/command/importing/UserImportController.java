package io.identity.command.importing;

import io.identity.command.handling.Commands;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/users/import} (§14): the body is NDJSON of any size, read as a stream (never bound to a
 * whole {@code String}), so its path is exempt from the 64 KiB body limit. The {@link Caller} is resolved from the
 * access token before the method runs, and the operator check comes before the first byte is read.
 */
@RestController
class UserImportController {

    static final String PATH = "/api/v1/admin/users/import";

    private final UserImport importing;

    UserImportController(UserImport importing) {
        this.importing = importing;
    }

    @PostMapping(PATH)
    ResponseEntity<ImportTally.Outcome> importUsers(Caller caller, HttpServletRequest request) throws IOException {
        importing.requireOperator(caller);
        var tally = importing.run(caller, request.getInputStream());
        return Responses.of(HttpStatus.OK, new Commands.Stored<>(null, tally.position()), tally.outcome());
    }
}
