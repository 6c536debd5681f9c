package io.identity.command.client;

import io.identity.support.problem.IdentityException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/oauth/clients/{clientId}}: the name a registered client shows people (the consent page names
 * it), else its id; {@code 404} for no such client. Nothing else of a client is public.
 */
@RestController
class ClientNameController {

    private final ClientLookup clients;

    ClientNameController(ClientLookup clients) {
        this.clients = clients;
    }

    record ClientName(String clientId, String name) {}

    @GetMapping("/api/v1/oauth/clients/{clientId}")
    ClientName name(@PathVariable String clientId) {
        var registered = clients.find(clientId).orElseThrow(IdentityException::notFound);
        var name = registered.metadata().clientName();
        return new ClientName(clientId, name == null ? clientId : name);
    }
}
