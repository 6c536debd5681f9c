package io.identity.command.oidc;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users/me/applications}: see {@link ConnectedApplications}. */
@RestController
class ConnectedApplicationsController {

    private final ConnectedApplications applications;

    ConnectedApplicationsController(ConnectedApplications applications) {
        this.applications = applications;
    }

    record Applications(List<ConnectedApplications.Application> items) {}

    @GetMapping("/api/v1/users/me/applications")
    Applications list(Caller caller) {
        return new Applications(applications.of(caller.userId()));
    }

    @DeleteMapping("/api/v1/users/me/applications/{clientId}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable String clientId) {
        return Responses.noContent(applications.revoke(caller.userId(), clientId));
    }
}
