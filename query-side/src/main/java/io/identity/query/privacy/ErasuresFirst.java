package io.identity.query.privacy;

import io.identity.events.privacy.AddressErased;
import io.identity.events.user.UserErased;
import io.identity.query.rebuild.ReadModel;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * An erasure is applied by every read model at once, whatever it has set aside: a read model that holds a letter
 * of the person's (an event it threw on) queues their later events behind it, {@code UserErased} among them, so
 * their profile and addresses would stay readable until an operator retried the letter. This processor hands
 * each {@code UserErased} and {@code AddressErased} to every read model's own erasure handler as soon as it is
 * stored; the read models apply it again in their own order later, which changes nothing (their erasure handlers
 * are idempotent).
 */
@Component
@ProcessingGroup(ErasuresFirst.GROUP)
class ErasuresFirst {

    static final String GROUP = "erasures";

    private final ApplicationContext context;
    private volatile List<AnnotationEventHandlerAdapter> readModels;

    ErasuresFirst(ApplicationContext context) {
        this.context = context;
    }

    @EventHandler
    void on(UserErased event, EventMessage<?> message) throws Exception {
        toEveryReadModel(message);
    }

    @EventHandler
    void on(AddressErased event, EventMessage<?> message) throws Exception {
        toEveryReadModel(message);
    }

    private void toEveryReadModel(EventMessage<?> message) throws Exception {
        for (var readModel : readModels()) {
            if (readModel.canHandle(message)) {
                readModel.handle(message);
            }
        }
    }

    /** Every read model's handlers, found once (the read models are made before any event is processed). */
    private List<AnnotationEventHandlerAdapter> readModels() {
        var found = readModels;
        if (found == null) {
            found = context.getBeansWithAnnotation(ReadModel.class).values().stream()
                    .map(bean -> new AnnotationEventHandlerAdapter(
                            bean, ClasspathParameterResolverFactory.forClass(bean.getClass())))
                    .toList();
            readModels = found;
        }
        return found;
    }
}
