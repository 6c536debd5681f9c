package io.identity.command.user;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The User aggregate's snapshots, and the email verification lookup's transaction. */
@Configuration(proxyBeanMethods = false)
class UserConfiguration {

    /** A User is snapshotted every so many events: commands stop replaying long histories. */
    @Bean
    SnapshotTriggerDefinition userSnapshots(Snapshotter snapshotter, SnapshotSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.userThreshold());
    }

    /** Snapshots of another shape of the User class than today's are ignored. */
    @Bean
    SnapshotFilter userSnapshotFilter() {
        return RevisionSnapshotFilter.builder()
                .type(User.class.getName())
                .revision("1")
                .build();
    }

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
