package io.identity.command.session;

import io.identity.events.session.SessionEndReason;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Ends a user's sessions when their password changes hands or their account closes; call inside the
 * transaction of that change.
 */
@Component
public class SessionTerminator {

    private final LiveSessions registry;
    private final CommandGateway gateway;

    SessionTerminator(LiveSessions registry, CommandGateway gateway) {
        this.registry = registry;
        this.gateway = gateway;
    }

    /** Ends every live session of the user but {@code keep} (null: all of them). */
    public void endAll(UUID userId, UUID keep, SessionEndReason reason) {
        for (var sessionId : registry.liveSessionsOf(userId)) {
            if (!sessionId.equals(keep)) {
                gateway.sendAndWait(new EndSession(sessionId, userId, reason));
            }
        }
    }
}
