package io.identity.support.privacy;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import io.identity.support.crypto.Aead;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event serializer: Jackson, with every {@link PersonalData} field of an event (and the ip and user agent
 * of its metadata) encrypted under the key of its {@link DataSubject} (of the metadata: the actor, else the person
 * the event is about, else the day's anonymous key). Stored, such
 * a field is {@code "pd1:<subject>:<base64 of nonce and AES-GCM ciphertext>"}; read back without the key (the
 * person was erased) it is a placeholder: {@code "[erased]"}, an empty map or an empty list. Values stored before
 * a field was protected read as they are.
 */
public class ProtectingSerializer extends Jackson3Serializer {

    public static final String ERASED = "[erased]";
    private static final String PREFIX = "pd1:";
    private static final String[] PERSONAL_METADATA = {"ip", "userAgent"};
    /** The metadata key naming the person an event is about, when no one known acted (see {@link #dataSubjectOf}). */
    public static final String DATA_SUBJECT = "dataSubject";

    private final PersonalDataKeys keys;
    private final Map<Class<?>, Optional<Fields>> protectedFields = new ConcurrentHashMap<>();
    private final Map<SerializedType, Class> classes = new ConcurrentHashMap<>();
    private final Map<Stored, Read> reads;
    private final long readLifetimeNanos;

    private record Fields(Method subject, Map<String, Class<?>> types) {}

    /** Stored bytes of one type, compared by content. */
    private static final class Stored {

        private final SerializedType type;
        private final byte[] data;
        private final int hash;

        Stored(SerializedType type, byte[] data) {
            this.type = type;
            this.data = data;
            this.hash = 31 * type.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stored stored
                    && hash == stored.hash
                    && type.equals(stored.type)
                    && Arrays.equals(data, stored.data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What stored bytes read as, when, and the count of erasures known then. */
    private record Read(long erasures, long readAt, Object value) {}

    /**
     * @param readsKept how many reads to keep (0: none). Every processor of a side reads every event: the first
     *                  one's result (decrypted, deserialised) serves the others. A read is kept no longer than the
     *                  data keys are, and is not used once an erasure is known, so that it reveals nothing a read
     *                  of the store at that moment would not.
     */
    public ProtectingSerializer(Builder builder, PersonalDataKeys keys, int readsKept) {
        super(builder);
        this.keys = keys;
        this.readLifetimeNanos = keys.cacheLifetime().toNanos();
        // the oldest read goes first: the processors read the same events one after the other, each a little
        // behind or ahead of the others, so what was read last is what is asked for next (a cache that weighs
        // how often an entry was used turns the newest reads away)
        this.reads = readsKept <= 0
                ? null
                : Collections.synchronizedMap(new LinkedHashMap<>(readsKept * 2, 0.75f) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Stored, Read> eldest) {
                        return size() > readsKept;
                    }
                });
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData metaData) {
            return super.serialize(protect(metaData), expectedRepresentation);
        }
        var fields = object == null ? Optional.<Fields>empty() : fieldsOf(object.getClass());
        if (fields.isEmpty()) {
            return super.serialize(object, expectedRepresentation);
        }
        var subject = subjectOf(object, fields.get());
        ObjectNode tree = getObjectMapper().valueToTree(object);
        for (var field : fields.get().types().keySet()) {
            var value = tree.get(field);
            if (subject != null && value != null && !value.isNull()) {
                tree.put(field, encrypt(subject, field, getObjectMapper().writeValueAsBytes(value)));
            }
        }
        var bytes = getObjectMapper().writeValueAsBytes(tree);
        return new SimpleSerializedObject<>(
                getConverter().convert(bytes, expectedRepresentation),
                expectedRepresentation,
                typeForClass(object.getClass()));
    }

    /** Looked up once per type: every event read asks it, twice. */
    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(type, super::classForType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (reads == null || !(serialized.getData() instanceof byte[] data)) {
            return read(serialized);
        }
        var stored = new Stored(serialized.getType(), data);
        var erasures = keys.erasures();
        var now = System.nanoTime();
        var kept = reads.get(stored);
        if (kept != null && kept.erasures() == erasures && now - kept.readAt() < readLifetimeNanos) {
            return (T) kept.value();
        }
        T value = read(serialized);
        reads.put(stored, new Read(erasures, now, value));
        return value;
    }

    @SuppressWarnings("unchecked")
    private <S, T> T read(SerializedObject<S> serialized) {
        var type = classForType(serialized.getType());
        if (MetaData.class.equals(type)) {
            return (T) reveal((MetaData) super.deserialize(serialized));
        }
        var fields = fieldsOf(type);
        if (fields.isEmpty()) {
            return super.deserialize(serialized);
        }
        JsonNode stored = getConverter().convert(serialized.getData(), serialized.getContentType(), JsonNode.class);
        var tree = (ObjectNode) stored.deepCopy();
        fields.get().types().forEach((field, fieldType) -> {
            var value = tree.get(field);
            if (value != null && value.isString() && value.asString().startsWith(PREFIX)) {
                tree.set(
                        field,
                        decrypt(value.asString(), field)
                                .map(getObjectMapper()::readTree)
                                .orElseGet(() -> placeholder(fieldType)));
            }
        });
        return super.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serialized.getType()));
    }

    /**
     * Where a request came from is personal data, whoever sent it: sealed under the key of who acted, else of the
     * person the event is about ({@link #DATA_SUBJECT}, set where the event is published), else of the day's
     * anonymous key. Never in clear.
     */
    private MetaData protect(MetaData metaData) {
        var protectedValues = new LinkedHashMap<String, Object>();
        UUID subject = null;
        for (var key : PERSONAL_METADATA) {
            // sealed already, or read back erased (a letter stored again): nothing to seal, and no key to make
            if (metaData.get(key) instanceof String value && !value.startsWith(PREFIX) && !value.equals(ERASED)) {
                if (subject == null) {
                    subject = subjectOf(metaData);
                }
                protectedValues.put(key, encrypt(subject, key, getObjectMapper().writeValueAsBytes(value)));
            }
        }
        return protectedValues.isEmpty() ? metaData : metaData.mergedWith(protectedValues);
    }

    private UUID subjectOf(MetaData metaData) {
        var actor = uuid(metaData.get("actorId"));
        if (actor != null) {
            return actor;
        }
        var about = uuid(metaData.get(DATA_SUBJECT));
        return about != null ? about : keys.anonymousSubject(LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * The person an event is about, by the component marked {@link DataSubject} or else a {@code userId}: its
     * metadata is sealed under their key when no one known acted. Null for an event about nobody known.
     */
    public static UUID dataSubjectOf(Object event) {
        if (event == null || !event.getClass().isRecord()) {
            return null;
        }
        for (var component : event.getClass().getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)
                    || component.getName().equals("userId")) {
                try {
                    var value = uuid(component.getAccessor().invoke(event));
                    if (value != null) {
                        return value;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "cannot read the data subject of "
                                    + event.getClass().getName(),
                            e);
                }
            }
        }
        return null;
    }

    private MetaData reveal(MetaData metaData) {
        var revealed = new LinkedHashMap<String, Object>();
        for (var key : PERSONAL_METADATA) {
            if (metaData.get(key) instanceof String value && value.startsWith(PREFIX)) {
                revealed.put(
                        key,
                        decrypt(value, key)
                                .map(bytes -> getObjectMapper().readValue(bytes, String.class))
                                .orElse(ERASED));
            }
        }
        return revealed.isEmpty() ? metaData : metaData.mergedWith(revealed);
    }

    private String encrypt(UUID subject, String field, byte[] plain) {
        var sealed = Aead.seal(keys.keyFor(subject), plain, subject + ":" + field);
        return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** The plaintext, or empty when the subject's key is gone. */
    private Optional<byte[]> decrypt(String stored, String field) {
        var rest = stored.substring(PREFIX.length());
        var colon = rest.indexOf(':');
        var subject = UUID.fromString(rest.substring(0, colon));
        var sealed = Base64.getDecoder().decode(rest.substring(colon + 1));
        return keys.find(subject).map(key -> Aead.open(key, sealed, subject + ":" + field));
    }

    private static JsonNode placeholder(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (Collection.class.isAssignableFrom(type)) {
            return JsonNodeFactory.instance.arrayNode();
        }
        return String.class.equals(type)
                ? JsonNodeFactory.instance.stringNode(ERASED)
                : JsonNodeFactory.instance.nullNode();
    }

    private Optional<Fields> fieldsOf(Class<?> type) {
        return protectedFields.computeIfAbsent(type, ProtectingSerializer::scan);
    }

    private static Optional<Fields> scan(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        Method subject = null;
        var types = new LinkedHashMap<String, Class<?>>();
        for (var component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getAccessor();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                types.put(component.getName(), component.getType());
            }
        }
        return subject == null || types.isEmpty() ? Optional.empty() : Optional.of(new Fields(subject, types));
    }

    private static UUID subjectOf(Object event, Fields fields) {
        try {
            return uuid(fields.subject().invoke(event));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read the data subject of " + event.getClass().getName(), e);
        }
    }

    private static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        try {
            return value instanceof String text ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
