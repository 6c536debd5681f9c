package io.identity.query;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A settings record bound as the application binds it, from these properties alone, under its own prefix. */
public final class BoundSettings {

    private BoundSettings() {}

    public static <T> T of(Class<T> type, Map<String, String> properties) {
        var prefix = type.getAnnotation(ConfigurationProperties.class).value();
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
    }
}
