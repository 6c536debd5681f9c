package io.identity.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.PersonalData;
import io.identity.events.Unpublished;
import io.identity.events.company.CompanyRole;
import io.identity.events.privacy.AddressErased;
import io.identity.events.user.SecurityQuestionsSet;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas in {@code docs/events} are the stream's contract and hold for every event: each published event
 * class has a valid draft 2020-12 schema and nothing else has one; each schema lists exactly the fields the
 * stream sends, typed as Jackson writes them, with every personal field marked; the data and the CloudEvent the
 * publisher makes of a sample of every event validate, also once the person is erased; a leaked hash, a missing
 * field or a malformed value does not.
 */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");
    private static final String PUBLIC_URL = "http://localhost:8081";

    private static final Map<String, List<String>> STRINGS = Map.ofEntries(
            Map.entry("username", List.of("ada.lovelace")),
            Map.entry("email", List.of("ada@example.com")),
            Map.entry("previousEmail", List.of("ada@example.com")),
            Map.entry("newEmail", List.of("ada.king@example.org")),
            Map.entry("displayName", List.of("Ada Lovelace")),
            Map.entry("passwordHash", List.of("$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")),
            Map.entry("answerHash", List.of("$2a$12$C6UzMDM.H6dfI/f/IKcEeO5x1z1Q7yY/zvVhEvWvZBv3p2uoYxDkm")),
            Map.entry("tokenHash", List.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
            Map.entry("addressSha256", List.of("4ca0e6a1a8c2b5b9b6cd7e0a1e2f1f6f3c1d6d1a0e4b4a2b9a8c7d6e5f4a3b2c")),
            Map.entry("addressHash", List.of("4ca0e6a1a8c2b5b9b6cd7e0a1e2f1f6f3c1d6d1a0e4b4a2b9a8c7d6e5f4a3b2c")),
            Map.entry(
                    "question",
                    List.of(
                            "What was the name of your first pet?",
                            "In which city were you born?",
                            "What was the model of your first car?")),
            Map.entry("name", List.of("Analytical Engines Ltd")),
            Map.entry("description", List.of("Difference and analytical engines, made to order.")),
            Map.entry("provider", List.of("google")),
            Map.entry("subject", List.of("110169484474386276334")),
            Map.entry("allowedEmailDomains", List.of("example.com", "example.org")),
            Map.entry("clientId", List.of("8d0f3b1e-6a43-4f5e-9a57-2f0c3c1d7e21")),
            Map.entry("credentialId", List.of("AbCdEf0123456789_-AbCdEf")),
            Map.entry("PasskeyRegistered.name", List.of("Ada's laptop")),
            Map.entry("aaguid", List.of("08987058-cadc-4b81-b6e1-30de50dcbe96")),
            Map.entry("amr", List.of("pwd", "otp", "mfa")),
            Map.entry("reason", List.of("phishing report 42")),
            Map.entry("clientName", List.of("Engines Wiki")),
            Map.entry("tokenEndpointAuthMethod", List.of("client_secret_basic")),
            Map.entry("redirectUris", List.of("https://wiki.example.com/callback")),
            Map.entry("postLogoutRedirectUris", List.of("https://wiki.example.com/")),
            Map.entry("grantTypes", List.of("authorization_code", "refresh_token")),
            Map.entry("scopes", List.of("openid", "profile", "email")),
            Map.entry("secretHash", List.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
            Map.entry(
                    "registrationTokenHash",
                    List.of("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752")));
    /** Constants of an enum that a field never takes, by the rules of its aggregate (so its schema leaves them out). */
    private static final Map<String, Set<String>> NEVER_TAKEN =
            Map.of("identity.company.CompanySettingsChanged.defaultInvitationRole", Set.of("OWNER"));

    private static final Map<String, Integer> INTEGERS = Map.of("consecutiveFailures", 5, "invitationExpiryDays", 7);
    private static final Map<String, Map<String, String>> MAPS = Map.of(
            "ProfileUpdated", changes("displayName", "Ada King", "phone", "+442079460958", "bio", null),
            "SettingsChanged",
                    changes("locale", "en-GB", "timezone", "Europe/London", "emailNotifications.product", "true"),
            "PrivacyChanged", changes("profileVisibility", "COMPANY", "showEmail", "true"),
            "CompanyUpdated", changes("name", "Analytical Engines", "description", null));
    /** Where the code allows fewer values than the enum has. */
    private static final Map<String, Object> ENUMS =
            Map.of("CompanySettingsChanged.defaultInvitationRole", CompanyRole.MEMBER);

    @Test
    void everyPublishedEventHasASchemaAndNothingElseHasOne() throws Exception {
        var published = new TreeSet<String>();
        for (var type : published()) {
            published.add(IntegrationEvents.type(type));
        }
        assertThat(published)
                .hasSizeGreaterThan(30)
                .contains(
                        "identity.user.UserRegistered",
                        "identity.security.LoginFailed",
                        "identity.invitation.MemberInvited");
        assertThat(EventSchemas.types())
                .as("schema files in %s", EventSchemas.DIRECTORY)
                .containsExactlyElementsOf(published)
                .doesNotContain("identity.mail.MailDelivery", "identity.user.SecurityQuestion");
    }

    @Test
    void everySchemaIsValidAndListsExactlyThePublishedFieldsTypedAsJacksonWritesThem() throws Exception {
        assertThat(EventSchemas.definitionViolations("cloudevent")).isEmpty();
        for (var type : published()) {
            var name = IntegrationEvents.type(type);
            var schema = EventSchemas.definition(name);
            assertThat(EventSchemas.definitionViolations(name)).as(name).isEmpty();
            assertThat(schema.path("title").asString()).isEqualTo(name);
            assertThat(schema.path("description").asString()).as(name).isNotBlank();
            assertThat(schema.path("required").values())
                    .extracting(JsonNode::asString)
                    .as(name)
                    .containsExactlyElementsOf(schema.path("properties").propertyNames());
            assertFields(name, type, schema);
        }
    }

    @Test
    void theDataOfEveryEventValidatesAlsoWithNullsAndOnceThePersonIsErased() throws Exception {
        int nulls = 0;
        int erased = 0;
        for (var type : published()) {
            var name = IntegrationEvents.type(type);
            var data = data(sample(type, 0));
            assertThat(EventSchemas.violations(name, data))
                    .as("%s: %s", name, data)
                    .isEmpty();

            var properties = EventSchemas.definition(name).path("properties");
            for (var component : type.getRecordComponents()) {
                if (jsonTypes(properties.path(component.getName())).contains("null")) {
                    var withNull = data(sample(type, 0, component.getName()));
                    assertThat(withNull.get(component.getName()).isNull())
                            .as(name)
                            .isTrue();
                    assertThat(EventSchemas.violations(name, withNull))
                            .as("%s: %s", name, withNull)
                            .isEmpty();
                    nulls++;
                }
            }

            var placeholders = (ObjectNode) data.deepCopy();
            for (var component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(PersonalData.class) && placeholders.has(component.getName())) {
                    if (Map.class.isAssignableFrom(component.getType())) {
                        placeholders.putObject(component.getName());
                    } else if (Collection.class.isAssignableFrom(component.getType())) {
                        placeholders.putArray(component.getName());
                    } else {
                        placeholders.put(component.getName(), "[erased]");
                    }
                    erased++;
                }
            }
            assertThat(EventSchemas.violations(name, placeholders))
                    .as("%s: %s", name, placeholders)
                    .isEmpty();
        }
        assertThat(nulls).as("fields that may be null").isGreaterThanOrEqualTo(4);
        assertThat(erased).as("personal fields published").isGreaterThanOrEqualTo(11);
    }

    @Test
    void aPositionBeyondThirtyTwoBitsIsStillAJsonNumber() throws Exception {
        var producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        var publisher = new StreamPublisher(
                producer, JSON, new StreamSettings(null, null, null, null, null, null, null, null, null), PUBLIC_URL);
        var event = stored(sample(UserRegistered.class, 0));
        publisher.on(event.getPayload(), event, new GlobalSequenceTrackingToken(5_000_000_000L));
        publisher.on(event.getPayload(), event, new GlobalSequenceTrackingToken(42));
        var far = JSON.readTree(producer.history().get(0).value());
        assertThat(far.path("position").isNumber()).isTrue();
        assertThat(far.path("position").asLong()).isEqualTo(5_000_000_000L);
        assertThat(far.path("sequence").isNumber()).isTrue();
        var near = JSON.readTree(producer.history().get(1).value());
        assertThat(near.path("position").isNumber()).isTrue();
        assertThat(near.path("position").asLong()).isEqualTo(42);
        assertThat(EventSchemas.envelopeViolations(far)).isEmpty();
    }

    @Test
    void theCloudEventThePublisherSendsForEveryEventValidates() throws Exception {
        var producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        var publisher = new StreamPublisher(
                producer, JSON, new StreamSettings(null, null, null, null, null, null, null, null, null), PUBLIC_URL);
        long position = 1_000;
        for (var type : published()) {
            var event = stored(sample(type, 0));
            var before = producer.history().size();
            publisher.on(event.getPayload(), event, new GlobalSequenceTrackingToken(++position));
            var sent = producer.history().subList(before, producer.history().size());
            var record = sent.get(0);
            if (type == UserErased.class) {
                assertThat(sent)
                        .as("an erasure goes to the compacted topic too")
                        .hasSize(2);
                assertThat(sent.get(1).topic()).isEqualTo("identity.erasures");
                assertThat(sent.get(1).key()).isEqualTo(record.key());
                assertThat(sent.get(1).value()).isEqualTo(record.value());
            } else {
                assertThat(sent).hasSize(1);
            }
            var cloudEvent = JSON.readTree(record.value());
            var name = IntegrationEvents.type(type);
            assertThat(EventSchemas.envelopeViolations(cloudEvent))
                    .as("%s: %s", name, cloudEvent)
                    .isEmpty();
            assertThat(cloudEvent.path("type").asString()).isEqualTo(name);
            assertThat(EventSchemas.violations(name, cloudEvent.path("data")))
                    .as(name)
                    .isEmpty();
            assertThat(record.topic())
                    .isEqualTo("identity." + IntegrationEvents.topic(type).orElseThrow());
            // an aggregate's event is about the aggregate; one of no aggregate, as the store hands it, about itself
            var subject = event instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier()
                    : event.getIdentifier();
            var sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0L;
            assertThat(cloudEvent.path("subject").asString()).isEqualTo(subject);
            if (type == AddressErased.class) {
                assertThat(record.topic()).isEqualTo("identity.erasures");
                assertThat(record.key())
                        .as("an erased address is named by its digest")
                        .isEqualTo(cloudEvent.path("data").path("addressSha256").asString());
            } else {
                assertThat(record.key()).isEqualTo(subject);
            }
            assertThat(cloudEvent.path("id").asString()).isEqualTo(event.getIdentifier());
            assertThat(cloudEvent.path("sequence").asLong()).isEqualTo(sequence);
            assertThat(cloudEvent.path("position").asLong()).isEqualTo(position);
        }
        assertThat(producer.history()).hasSizeGreaterThan(30);
    }

    @Test
    void aLeakedHashAMissingFieldOrAMalformedValueFailsValidation() throws Exception {
        for (var type : published()) {
            var name = IntegrationEvents.type(type);
            var data = data(sample(type, 0));
            var leaked = (ObjectNode) data.deepCopy();
            leaked.put("passwordHash", STRINGS.get("passwordHash").get(0));
            assertThat(EventSchemas.violations(name, leaked)).as(name).anyMatch(v -> v.contains("passwordHash"));
            for (var field : data.propertyNames()) {
                var missing = (ObjectNode) data.deepCopy();
                missing.remove(field);
                assertThat(EventSchemas.violations(name, missing))
                        .as("%s without %s", name, field)
                        .isNotEmpty();
            }
        }

        var registered = (ObjectNode) data(sample(UserRegistered.class, 0));
        assertThat(EventSchemas.violations("identity.user.UserRegistered", registered))
                .isEmpty();
        assertThat(EventSchemas.violations(
                        "identity.user.UserRegistered", registered.deepCopy().put("userId", "ada")))
                .anyMatch(v -> v.contains("userId"));
        assertThat(EventSchemas.violations(
                        "identity.user.UserRegistered", registered.deepCopy().put("registeredAt", 1796033730)))
                .anyMatch(v -> v.contains("registeredAt"));
        assertThat(EventSchemas.violations(
                        "identity.user.UserRegistered", registered.deepCopy().put("method", "password")))
                .anyMatch(v -> v.contains("method"));

        var questions = (ObjectNode) data(sample(SecurityQuestionsSet.class, 0));
        assertThat(questions.has("questions"))
                .as("the questions are not published")
                .isFalse();
        assertThat(EventSchemas.violations(
                        "identity.user.SecurityQuestionsSet",
                        questions.deepCopy().set("questions", JSON.createArrayNode())))
                .anyMatch(v -> v.contains("questions"));
        assertThat(EventSchemas.violations("identity.unknown.Event", questions)).isNotEmpty();

        var cloudEvent = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", PUBLIC_URL)
                .put("type", "identity.user.UserRegistered")
                .put("subject", UUID.randomUUID().toString())
                .put("time", AT.toString())
                .put("datacontenttype", "application/json")
                .put("sequence", 0)
                .put("position", 17);
        cloudEvent.set("data", registered);
        assertThat(EventSchemas.envelopeViolations(cloudEvent)).isEmpty();
        assertThat(EventSchemas.envelopeViolations(cloudEvent.deepCopy().put("sequence", "0")))
                .isNotEmpty();
        assertThat(EventSchemas.envelopeViolations(cloudEvent.deepCopy().put("position", -1)))
                .isNotEmpty();
        assertThat(EventSchemas.envelopeViolations(cloudEvent.deepCopy().put("specversion", "0.3")))
                .isNotEmpty();
        assertThat(EventSchemas.envelopeViolations(cloudEvent.deepCopy().put("type", "user.UserRegistered")))
                .isNotEmpty();
        assertThat(EventSchemas.envelopeViolations(cloudEvent.deepCopy().put("datacontenttype", "text/plain")))
                .isNotEmpty();
        var withoutId = cloudEvent.deepCopy();
        withoutId.remove("id");
        assertThat(EventSchemas.envelopeViolations(withoutId)).anyMatch(v -> v.contains("id"));
    }

    /** Each property is a component of the record (hashes and unpublished fields aside), typed as Jackson writes it. */
    private static void assertFields(String name, Class<?> type, JsonNode schema) {
        var properties = schema.path("properties");
        var expected = new ArrayList<String>();
        for (var component : type.getRecordComponents()) {
            if (component.getName().endsWith("Hash") || component.isAnnotationPresent(Unpublished.class)) {
                assertThat(properties.has(component.getName()))
                        .as(name + "." + component.getName())
                        .isFalse();
                continue;
            }
            expected.add(component.getName());
            var property = properties.path(component.getName());
            var field = name + "." + component.getName();
            assertThat(property.path("description").asString()).as(field).isNotBlank();
            assertThat(property.path("description").asString().contains("Personal data"))
                    .as(field + " marked personal")
                    .isEqualTo(component.isAnnotationPresent(PersonalData.class));
            assertThat(jsonTypes(property)).as(field).contains(jsonType(component.getType()));
            if (component.getType().isPrimitive()) {
                assertThat(jsonTypes(property)).as(field).doesNotContain("null");
            }
            if (component.getType() == UUID.class) {
                assertThat(property.path("format").asString()).as(field).isEqualTo("uuid");
            }
            if (component.getType() == Instant.class) {
                assertThat(property.path("format").asString()).as(field).isEqualTo("date-time");
            }
            if (component.getType().isEnum()) {
                var constants = new HashSet<String>();
                for (var constant : component.getType().getEnumConstants()) {
                    constants.add(((Enum<?>) constant).name());
                }
                // every value the field can take, and no other (a new constant needs its schema too)
                constants.removeAll(NEVER_TAKEN.getOrDefault(field, Set.of()));
                assertThat(property.path("enum").values())
                        .extracting(JsonNode::asString)
                        .as(field)
                        .containsExactlyInAnyOrderElementsOf(constants);
            }
            var element = elementType(component);
            if (element != null && element.isRecord()) {
                assertFields(field + "[]", element, property.path("items"));
            }
        }
        assertThat(properties.propertyNames()).as(name).containsExactlyElementsOf(expected);
        assertThat(schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean())
                .as(name + " refuses other fields")
                .isTrue();
    }

    private static Set<String> jsonTypes(JsonNode property) {
        var types = new HashSet<String>();
        if (property.path("type").isArray()) {
            property.path("type").values().forEach(t -> types.add(t.asString()));
        } else {
            types.add(property.path("type").asString());
        }
        return types;
    }

    private static String jsonType(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "string";
    }

    /** The event classes that reach a topic; records held inside events (a security question) are not events. */
    static List<Class<?>> published() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter((reader, factory) ->
                "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
        var records = new ArrayList<Class<?>>();
        for (var definition : scanner.findCandidateComponents("io.identity.events")) {
            records.add(Class.forName(definition.getBeanClassName()));
        }
        var held = new HashSet<Class<?>>();
        for (var record : records) {
            for (var component : record.getRecordComponents()) {
                held.add(component.getType());
                var element = elementType(component);
                if (element != null) {
                    held.add(element);
                }
            }
        }
        var published = new ArrayList<Class<?>>();
        for (var record : records) {
            if (!held.contains(record) && IntegrationEvents.topic(record).isPresent()) {
                published.add(record);
            }
        }
        return published;
    }

    private static Class<?> elementType(RecordComponent component) {
        if (component.getGenericType() instanceof ParameterizedType generic
                && Collection.class.isAssignableFrom(component.getType())
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }

    private static JsonNode data(Object event) {
        return IntegrationEvents.data(JSON, event);
    }

    /** How the event store hands an event to the publisher: an aggregate's, or one of none keyed by its own id. */
    static EventMessage<?> stored(Object event) {
        var aggregate = switch (event.getClass().getPackageName()) {
            case "io.identity.events.user" -> List.of("User", "userId");
            case "io.identity.events.session" -> List.of("Session", "sessionId");
            case "io.identity.events.company" -> List.of("Company", "companyId");
            // an invitation is an aggregate of its own: its events are keyed by it, not by its company
            case "io.identity.events.invitation" -> List.of("Invitation", "invitationId");
            // a consent is an aggregate of its own, one per person and client: keyed by it, not by its client
            case "io.identity.events.client" ->
                event.getClass().getSimpleName().startsWith("Consent")
                        ? List.of("Consent", "consentId")
                        : List.of("Client", "clientId");
            default -> List.<String>of();
        };
        if (aggregate.isEmpty()) {
            // the store hands an event of no aggregate over as a plain event message
            return GenericEventMessage.asEventMessage(event);
        }
        JsonNode fields = JSON.valueToTree(event);
        return new GenericDomainEventMessage<>(
                aggregate.get(0), fields.path(aggregate.get(1)).asString(), 3, event);
    }

    /** An instance of the record with a plausible value in every field, chosen by the field's type and name. */
    static Object sample(Class<?> record, int index) throws ReflectiveOperationException {
        return sample(record, index, null);
    }

    /** The same, with {@code nullField} null. */
    private static Object sample(Class<?> record, int index, String nullField) throws ReflectiveOperationException {
        var components = record.getRecordComponents();
        var types = new Class<?>[components.length];
        var values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(nullField) ? null : value(record, components[i], index);
        }
        return record.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Class<?> record, RecordComponent component, int index)
            throws ReflectiveOperationException {
        var type = component.getType();
        var name = component.getName();
        var qualified = record.getSimpleName() + "." + name;
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        }
        if (type == Instant.class) {
            return name.startsWith("expires") || name.equals("until") ? AT.plus(Duration.ofDays(7)) : AT;
        }
        if (type == int.class) {
            return INTEGERS.getOrDefault(name, 1);
        }
        if (type == boolean.class) {
            return true;
        }
        if (type.isEnum()) {
            return ENUMS.getOrDefault(qualified, type.getEnumConstants()[0]);
        }
        if (type == String.class) {
            var strings = STRINGS.getOrDefault(qualified, STRINGS.get(name));
            assertThat(strings).as("a sample value for %s", qualified).isNotNull();
            return strings.get(index % strings.size());
        }
        if (Map.class.isAssignableFrom(type)) {
            assertThat(MAPS).as("a sample map for %s", qualified).containsKey(record.getSimpleName());
            return MAPS.get(record.getSimpleName());
        }
        var element = elementType(component);
        if (element == UUID.class) {
            return List.of(
                    UUID.nameUUIDFromBytes((name + 1).getBytes(StandardCharsets.UTF_8)),
                    UUID.nameUUIDFromBytes((name + 2).getBytes(StandardCharsets.UTF_8)));
        }
        if (element == String.class) {
            assertThat(STRINGS).as("sample values for %s", qualified).containsKey(name);
            return STRINGS.get(name);
        }
        if (element != null && element.isRecord()) {
            var items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                items.add(sample(element, i));
            }
            return items;
        }
        if (type.isRecord()) {
            return sample(type, index);
        }
        throw new AssertionError("no sample value for " + qualified + " of " + component.getGenericType());
    }

    private static Map<String, String> changes(String... keysAndValues) {
        var changes = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            changes.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return changes;
    }
}
