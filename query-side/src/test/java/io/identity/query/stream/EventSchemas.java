package io.identity.query.stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream's JSON Schemas in {@code docs/events}: {@code cloudevent.schema.json} for the envelope and
 * {@code <type>.schema.json} for the {@code data} of each published type. Formats ({@code uuid},
 * {@code date-time}, {@code uri-reference}) are asserted, not only annotated. The folder is found from a module's
 * directory, where Maven runs the tests.
 */
public final class EventSchemas {

    static final Path DIRECTORY = Path.of("..", "docs", "events");
    private static final String SUFFIX = ".schema.json";
    private static final String ENVELOPE = "cloudevent";
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** What is wrong with {@code data} as the data of a CloudEvent of {@code type}; empty when it is valid. */
    public static List<String> violations(String type, JsonNode data) {
        if (!Files.isRegularFile(file(type))) {
            return List.of("no schema for " + type + " at " + file(type));
        }
        return messages(SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(definition(t)))
                .validate(data));
    }

    /** What is wrong with a whole message value of the stream; empty when it is valid. */
    public static List<String> envelopeViolations(JsonNode cloudEvent) {
        return violations(ENVELOPE, cloudEvent);
    }

    /** What makes the schema of {@code type} (or {@code cloudevent}) no valid draft 2020-12 schema. */
    static List<String> definitionViolations(String type) {
        var metaSchema = SCHEMAS.computeIfAbsent(DRAFT_2020_12, uri -> REGISTRY.getSchema(SchemaLocation.of(uri)));
        return messages(metaSchema.validate(definition(type)));
    }

    /** The event types that have a schema file. */
    static Set<String> types() {
        try (var files = Files.list(DIRECTORY)) {
            var types = new TreeSet<String>();
            files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .filter(type -> !type.equals(ENVELOPE))
                    .forEach(types::add);
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of {@code type} (or {@code cloudevent}) as it is written. */
    static JsonNode definition(String type) {
        try {
            return JSON.readTree(Files.readString(file(type)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String type) {
        return DIRECTORY.resolve(type + SUFFIX);
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
