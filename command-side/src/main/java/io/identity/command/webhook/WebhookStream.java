package io.identity.command.webhook;

import io.identity.command.stream.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhooks' consumer group of the event stream ({@code identity.webhooks}): it only records, for every webhook
 * that wants a message, a delivery in the {@link DeliveryLog}, and commits the message's offset after that insert.
 * So a restart, a crash or a rebalance loses nothing (the message is read again, and recorded once), the group
 * scales out with the instances (each reads its share of the partitions), and the sending, with its retries over
 * days, is the dispatcher's, which holds up no consumer. A company's events are those keyed by the company on
 * the companies topic, and the invitations' whose data names it ({@code companyId}); everything else belongs to no
 * company, and reaches the operators' webhooks only. Of the erasures topic only {@code AddressErased} is taken:
 * a {@code UserErased} there is a copy of the users topic's. An erasure ({@code UserErased}, {@code AddressErased})
 * takes the pending deliveries of what it erased out of the queue before it is queued itself: the person's own
 * events and their invitations' are not sent after their erasure.
 */
@Component
@ConditionalOnProperty(name = "identity.kafka.enabled", havingValue = "true", matchIfMissing = true)
public class WebhookStream {

    /** The listener's id and its consumer group's last name. */
    public static final String CONSUMER = "webhooks";

    private static final String ADDRESS_ERASED = "identity.privacy.AddressErased";
    private static final String USER_ERASED = "identity.user.UserErased";

    private final DeliveryLog deliveries;
    private final JsonMapper json;

    WebhookStream(DeliveryLog deliveries, JsonMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    @KafkaListener(
            id = CONSUMER,
            groupId = "${identity.kafka.topic-prefix:identity.}" + CONSUMER,
            topics = {
                "${identity.kafka.topic-prefix:identity.}users",
                "${identity.kafka.topic-prefix:identity.}companies",
                "${identity.kafka.topic-prefix:identity.}invitations",
                "${identity.kafka.topic-prefix:identity.}clients",
                "${identity.kafka.topic-prefix:identity.}erasures"
            })
    void onMessage(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        handle(record);
        acknowledgment.acknowledge();
    }

    /**
     * Records the deliveries of one message: what the listener does before it commits the message's offset.
     *
     * @return how many deliveries were recorded
     * @throws StreamMessage.MalformedMessage if the message is not one of our CloudEvents
     */
    public int handle(ConsumerRecord<String, byte[]> record) {
        var message = tree(record);
        var event = read(record, message);
        if (record.topic().endsWith("erasures") && !ADDRESS_ERASED.equals(event.type())) {
            return 0;
        }
        if (USER_ERASED.equals(event.type()) || ADDRESS_ERASED.equals(event.type())) {
            deliveries.forgetErased(erasedKeys(event, message.path("data")), event.position());
        }
        return deliveries.record(event);
    }

    /**
     * What an erasure takes out of the pending deliveries: the person's own events (keyed by them) and the events
     * of the invitations sent to their address, which carry it.
     */
    private static List<String> erasedKeys(DeliveryLog.Event event, JsonNode data) {
        var keys = new ArrayList<String>();
        if (USER_ERASED.equals(event.type())) {
            keys.add(event.key());
        }
        data.path("invitationIds").values().forEach(id -> keys.add(id.asString()));
        return keys;
    }

    private JsonNode tree(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new StreamMessage.MalformedMessage("an empty message");
        }
        try {
            return json.readTree(record.value());
        } catch (JacksonException e) {
            throw new StreamMessage.MalformedMessage("not JSON");
        }
    }

    private static DeliveryLog.Event read(ConsumerRecord<String, byte[]> record, JsonNode event) {
        var id = event.path("id").asString(null);
        var type = event.path("type").asString(null);
        var subject = event.path("subject").asString(null);
        var position = event.path("position");
        if (id == null || type == null || !type.startsWith("identity.") || !position.isIntegralNumber()) {
            throw new StreamMessage.MalformedMessage("not a CloudEvent of the identity service");
        }
        var key = record.key() != null ? record.key() : subject != null ? subject : id;
        return new DeliveryLog.Event(
                id, type, key, position.asLong(), companyOf(record, event, subject), record.value());
    }

    private static UUID companyOf(ConsumerRecord<String, byte[]> record, JsonNode event, String subject) {
        if (record.topic().endsWith("companies")) {
            return uuid(subject);
        }
        if (record.topic().endsWith("invitations")) {
            return uuid(event.path("data").path("companyId").asString(null));
        }
        return null;
    }

    private static UUID uuid(String value) {
        try {
            return value != null ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
