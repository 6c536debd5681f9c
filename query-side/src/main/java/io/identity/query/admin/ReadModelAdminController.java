package io.identity.query.admin;

import io.identity.query.web.Page;
import io.identity.support.auth.Caller;
import io.identity.support.auth.Operators;
import io.identity.support.problem.IdentityException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read models, for the platform's operators: where each projection is (a rebuild's progress), the dead
 * letters (what failed and why) and their retry.
 */
@RestController
class ReadModelAdminController {

    private final DeadLetters letters;
    private final Operators operators;
    private final ProjectionStatus status;

    ReadModelAdminController(DeadLetters letters, Operators operators, ProjectionStatus status) {
        this.letters = letters;
        this.operators = operators;
        this.status = status;
    }

    @GetMapping("/api/v1/admin/projections")
    Page<ProjectionStatus.Status> projections(Caller caller) {
        operators.require(caller);
        return new Page<>(status.all(), null);
    }

    @GetMapping("/api/v1/admin/dead-letters")
    Page<DeadLetters.Letter> list(Caller caller) {
        operators.require(caller);
        return new Page<>(letters.list(), null);
    }

    @PostMapping("/api/v1/admin/dead-letters/{group}/retry")
    DeadLetters.Retried retry(Caller caller, @PathVariable String group) {
        operators.require(caller);
        if (!DeadLetters.GROUPS.contains(group)) {
            throw IdentityException.notFound();
        }
        return letters.retry(group).orElseThrow(IdentityException::notFound);
    }
}
