package io.identity.support.privacy;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The event serializer: Jackson, with every {@link PersonalData} field of an event (and the ip and user agent
 * of its metadata) encrypted under the key of its {@link DataSubject} (of the metadata: the actor, else the person
 * the event is about, else the day's anonymous key). Stored, such a field is sealed ({@link SealedValues}); read
 * back without the key (the person was erased) it is a placeholder: {@code "[erased]"}, an empty map or an empty
 * list. Values stored before a field was protected read as they are.
 */
public class ProtectingSerializer extends Jackson3Serializer {

    public static final String ERASED = "[erased]";
    /** The metadata key naming the person an event is about, when no one known acted (see {@link #dataSubjectOf}). */
    public static final String DATA_SUBJECT = "dataSubject";

    private static final String[] PERSONAL_METADATA = {"ip", "userAgent"};

    private final PersonalDataKeys keys;
    private final SealedValues sealed;
    private final Map<Class<?>, Optional<PersonalFields>> protectedFields = new ConcurrentHashMap<>();
    private final Map<SerializedType, Class> classes = new ConcurrentHashMap<>();
    private final KeptReads reads;

    /**
     * @param readsKept how many reads to keep (0: none). Every processor of a side reads every event: the first
     *                  one's result (decrypted, deserialised) serves the others ({@link KeptReads}).
     */
    public ProtectingSerializer(Builder builder, PersonalDataKeys keys, int readsKept) {
        super(builder);
        this.keys = keys;
        this.sealed = new SealedValues(keys);
        this.reads = readsKept <= 0 ? null : new KeptReads(readsKept, keys.cacheLifetime(), keys::erasures);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData metaData) {
            return super.serialize(protect(metaData), expectedRepresentation);
        }
        var fields = object == null ? Optional.<PersonalFields>empty() : fieldsOf(object.getClass());
        if (fields.isEmpty()) {
            return super.serialize(object, expectedRepresentation);
        }
        var subject = fields.get().subjectOf(object);
        ObjectNode tree = getObjectMapper().valueToTree(object);
        for (var field : fields.get().types().keySet()) {
            var value = tree.get(field);
            if (subject != null && value != null && !value.isNull()) {
                tree.put(field, sealed.seal(subject, field, getObjectMapper().writeValueAsBytes(value)));
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
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (reads == null || !(serialized.getData() instanceof byte[] data)) {
            return read(serialized);
        }
        return reads.read(serialized.getType(), data, () -> read(serialized));
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
            if (value != null && value.isString() && SealedValues.isSealed(value.asString())) {
                tree.set(
                        field,
                        sealed.open(value.asString(), field)
                                .map(getObjectMapper()::readTree)
                                .orElseGet(() -> PersonalFields.erased(fieldType)));
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
            if (metaData.get(key) instanceof String value && !SealedValues.isSealed(value) && !value.equals(ERASED)) {
                if (subject == null) {
                    subject = subjectOf(metaData);
                }
                protectedValues.put(
                        key, sealed.seal(subject, key, getObjectMapper().writeValueAsBytes(value)));
            }
        }
        return protectedValues.isEmpty() ? metaData : metaData.mergedWith(protectedValues);
    }

    private UUID subjectOf(MetaData metaData) {
        var actor = PersonalFields.uuid(metaData.get("actorId"));
        if (actor != null) {
            return actor;
        }
        var about = PersonalFields.uuid(metaData.get(DATA_SUBJECT));
        return about != null ? about : keys.anonymousSubject(LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * The person an event is about, by the component marked {@link DataSubject} or else a {@code userId}: its
     * metadata is sealed under their key when no one known acted. Null for an event about nobody known.
     */
    public static UUID dataSubjectOf(Object event) {
        return PersonalFields.dataSubjectOf(event);
    }

    private MetaData reveal(MetaData metaData) {
        var revealed = new LinkedHashMap<String, Object>();
        for (var key : PERSONAL_METADATA) {
            if (metaData.get(key) instanceof String value && SealedValues.isSealed(value)) {
                revealed.put(
                        key,
                        sealed.open(value, key)
                                .map(bytes -> getObjectMapper().readValue(bytes, String.class))
                                .orElse(ERASED));
            }
        }
        return revealed.isEmpty() ? metaData : metaData.mergedWith(revealed);
    }

    private Optional<PersonalFields> fieldsOf(Class<?> type) {
        return protectedFields.computeIfAbsent(type, PersonalFields::of);
    }
}
