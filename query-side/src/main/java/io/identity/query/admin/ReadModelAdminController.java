package io.identity.query.admin;

import io.identity.query.consistency.ProjectionStatus;
import io.identity.query.deadletter.DeadLetters;
import io.identity.query.rebuild.Rebuilds;
import io.identity.query.web.Page;
import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.IdentityException;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read models, for the platform's operators: where each projection is, its blue/green rebuild, the dead
 * letters (what failed and why) and their retry.
 */
@RestController
class ReadModelAdminController {

    private final DeadLetters letters;
    private final OperatorSettings operators;
    private final ProjectionStatus status;
    private final Rebuilds rebuilds;

    ReadModelAdminController(
            DeadLetters letters, OperatorSettings operators, ProjectionStatus status, Rebuilds rebuilds) {
        this.letters = letters;
        this.operators = operators;
        this.status = status;
        this.rebuilds = rebuilds;
    }

    @GetMapping("/api/v1/admin/projections")
    Page<ProjectionStatus.Status> projections(Caller caller) {
        operators.require(caller);
        return new Page<>(status.all(), null);
    }

    /** Starts a blue/green rebuild of one read model: 202, and its progress at {@code Location}. */
    @PostMapping("/api/v1/admin/projections/{projection}/rebuild")
    ResponseEntity<Rebuilds.Rebuild> rebuild(Caller caller, @PathVariable String projection) {
        operators.require(caller);
        var started = rebuilds.start(projection, caller.userId());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/admin/projections/" + projection + "/rebuild"))
                .body(started);
    }

    /** The latest rebuild of a read model: running (with its progress), switched in, or cancelled. */
    @GetMapping("/api/v1/admin/projections/{projection}/rebuild")
    Rebuilds.Rebuild rebuildStatus(Caller caller, @PathVariable String projection) {
        operators.require(caller);
        return rebuilds.find(projection).orElseThrow(IdentityException::notFound);
    }

    /** Cancels a running rebuild; the read model serving is untouched. */
    @DeleteMapping("/api/v1/admin/projections/{projection}/rebuild")
    ResponseEntity<Void> cancelRebuild(Caller caller, @PathVariable String projection) {
        operators.require(caller);
        rebuilds.cancel(projection);
        return ResponseEntity.noContent().build();
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
