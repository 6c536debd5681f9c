package io.identity.command.recovery;

import io.identity.command.session.EndSession;
import io.identity.command.session.SessionRegistry;
import io.identity.events.session.SessionEndReason;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Ends a user's sessions when their password changes hands; call inside the transaction of the change. */
@Component
class Sessions {

    private final SessionRegistry registry;
    private final CommandGateway gateway;

    Sessions(SessionRegistry registry, CommandGateway gateway) {
        this.registry = registry;
        this.gateway = gateway;
    }

    /** Ends every live session of the user but {@code keep} (null: all of them). */
    void endAll(UUID userId, UUID keep) {
        for (var sessionId : registry.liveSessionsOf(userId)) {
            if (!sessionId.equals(keep)) {
                gateway.sendAndWait(new EndSession(sessionId, userId, SessionEndReason.PASSWORD_CHANGED));
            }
        }
    }
}
