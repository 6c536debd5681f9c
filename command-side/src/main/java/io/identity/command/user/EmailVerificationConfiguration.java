package io.identity.command.user;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Wiring of email verification that the generic command-side configuration does not know about. */
@Configuration(proxyBeanMethods = false)
class EmailVerificationConfiguration {

    /**
     * The token lookup is written in the events' own transaction (its processor is subscribing, see
     * {@code command-side.yml}); a failure there must fail the command rather than leave a link nobody can use.
     */
    @Autowired
    void lookupInTransaction(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                EmailVerificationTokens.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
