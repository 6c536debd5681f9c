package io.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.MemberRemoved;
import io.identity.events.company.RemovalReason;
import io.identity.events.mail.DeliveryStatus;
import io.identity.events.mail.MailDelivery;
import io.identity.events.security.LoginChannel;
import io.identity.events.security.LoginFailed;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.ResetMethod;
import io.identity.events.user.UserRegistered;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fixed vocabularies of the events are enums now; the events stored before, when they were text, hold the
 * enums' names, so they read as they are (no upcaster), and are written back in the same form. Each JSON below is
 * a payload as an earlier version stored it.
 */
class StoredVocabulariesTest {

    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    @Test
    void eventsStoredWithTextReadAsTheirEnumsAndAreWrittenTheSameWay() {
        var registered = read(
                UserRegistered.class,
                "{\"userId\":\"00000000-0000-0000-0000-000000000001\",\"username\":\"ada\",\"email\":\"ada@example.com\","
                        + "\"passwordHash\":\"$2a$12$x\",\"displayName\":null,\"method\":\"INVITATION\","
                        + "\"registeredAt\":\"2026-01-01T00:00:00Z\"}");
        assertThat(registered.method()).isEqualTo(RegistrationMethod.INVITATION);
        var started = read(
                SessionStarted.class,
                "{\"sessionId\":\"00000000-0000-0000-0000-000000000002\",\"userId\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"method\":\"INVITATION\",\"startedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-02-01T00:00:00Z\"}");
        assertThat(started.method()).isEqualTo(SignInMethod.INVITATION);
        var removed = read(
                MemberRemoved.class,
                "{\"companyId\":\"00000000-0000-0000-0000-000000000003\",\"userId\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"reason\":\"COMPANY_DELETED\",\"removedBy\":null,\"removedAt\":\"2026-01-01T00:00:00Z\"}");
        assertThat(removed.reason()).isEqualTo(RemovalReason.COMPANY_DELETED);
        var failed = read(
                LoginFailed.class,
                "{\"userId\":null,\"channel\":\"CURRENT_PASSWORD\",\"consecutiveFailures\":2,"
                        + "\"failedAt\":\"2026-01-01T00:00:00Z\"}");
        assertThat(failed.channel()).isEqualTo(LoginChannel.CURRENT_PASSWORD);
        var reset = read(
                PasswordReset.class,
                "{\"userId\":\"00000000-0000-0000-0000-000000000001\",\"passwordHash\":\"$2a$12$x\","
                        + "\"method\":\"SECURITY_QUESTIONS\",\"resetAt\":\"2026-01-01T00:00:00Z\"}");
        assertThat(reset.method()).isEqualTo(ResetMethod.SECURITY_QUESTIONS);
        var delivery = read(
                MailDelivery.class,
                "{\"subjectId\":\"00000000-0000-0000-0000-000000000001\",\"template\":\"invitation\",\"status\":\"FAILED\","
                        + "\"attempts\":12,\"at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);

        assertThat(JSON.writeValueAsString(removed)).contains("\"reason\":\"COMPANY_DELETED\"");
        assertThat(JSON.writeValueAsString(failed)).contains("\"channel\":\"CURRENT_PASSWORD\"");
    }

    private static <T> T read(Class<T> type, String stored) {
        return JSON.readValue(stored, type);
    }
}
