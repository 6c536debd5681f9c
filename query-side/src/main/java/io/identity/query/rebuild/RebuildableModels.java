package io.identity.query.rebuild;

import io.identity.support.problem.IdentityException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/** The read models that can be rebuilt: every projection marked {@link ReadModel}, by its processing group. */
final class RebuildableModels {

    /** A read model's tables, and the projection whose handlers build them. */
    record Model(ReadModel readModel, Class<?> handler) {}

    private final Map<String, Model> models = new TreeMap<>();

    RebuildableModels(ApplicationContext context) {
        for (var name : context.getBeanNamesForAnnotation(ReadModel.class)) {
            var group = context.findAnnotationOnBean(name, ProcessingGroup.class);
            var tables = context.findAnnotationOnBean(name, ReadModel.class);
            if (group != null && tables != null) {
                models.put(group.value(), new Model(tables, ClassUtils.getUserClass(context.getType(name))));
            }
        }
    }

    /** Their processing groups, in order. */
    Set<String> projections() {
        return models.keySet();
    }

    /**
     * @throws IdentityException {@code not_found} for no such read model
     */
    Model get(String projection) {
        var model = models.get(projection);
        if (model == null) {
            throw IdentityException.notFound();
        }
        return model;
    }
}
