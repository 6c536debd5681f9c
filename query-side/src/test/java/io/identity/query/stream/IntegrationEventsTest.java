package io.identity.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.SecurityQuestion;
import io.identity.events.user.SecurityQuestionsSet;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import io.identity.query.web.SecretFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import tools.jackson.databind.json.JsonMapper;

/** Which event goes to which topic, under which type, and what its data leaves out. */
class IntegrationEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

    @Test
    void everyEventOfTheUsersCompaniesAndInvitationsHasItsTopicAndMailHasNone() throws Exception {
        var expected =
                List.of("user:users", "session:users", "security:users", "company:companies", "invitation:invitations");
        int checked = 0;
        for (var entry : expected) {
            var area = entry.substring(0, entry.indexOf(':'));
            for (var type : eventRecords("io.identity.events." + area)) {
                assertThat(IntegrationEvents.topic(type))
                        .as(type.getName())
                        .contains(entry.substring(area.length() + 1));
                assertThat(IntegrationEvents.type(type)).isEqualTo("identity." + area + "." + type.getSimpleName());
                checked++;
            }
        }
        assertThat(checked).as("events found on the class path").isGreaterThan(30);
        var internal = eventRecords("io.identity.events.mail");
        assertThat(internal).isNotEmpty();
        for (var type : internal) {
            assertThat(IntegrationEvents.topic(type)).as(type.getName()).isEmpty();
        }
        assertThat(IntegrationEvents.topic(UserErased.class)).contains("users");
    }

    @Test
    void theDataLeavesOutEveryHashAtAnyDepth() {
        var userId = UUID.randomUUID();
        var registered = IntegrationEvents.data(
                JSON,
                new UserRegistered(
                        userId, "ada", "ada@example.com", "$2a$12$secret", "Ada", RegistrationMethod.PASSWORD, AT));
        assertThat(registered.has("passwordHash")).isFalse();
        assertThat(registered.path("email").asString()).isEqualTo("ada@example.com");

        var nested = JSON.readTree("{\"questions\": [{\"question\": \"First pet?\", \"answerHash\": \"$2a$12$x\"}]}");
        assertThat(SecretFields.removed(nested)
                        .path("questions")
                        .get(0)
                        .path("question")
                        .asString())
                .isEqualTo("First pet?");
        assertThat(nested.toString()).doesNotContain("answerHash").doesNotContain("$2a$");
    }

    @Test
    void theSecurityQuestionsAreNotPublishedOnlyThatTheyWereSet() {
        var userId = UUID.randomUUID();
        var questions = IntegrationEvents.data(
                JSON,
                new SecurityQuestionsSet(userId, List.of(new SecurityQuestion("First pet?", "$2a$12$answer")), AT));
        assertThat(questions.path("userId").asString()).isEqualTo(userId.toString());
        assertThat(questions.has("setAt")).isTrue();
        assertThat(questions.toString())
                .doesNotContain("First pet?")
                .doesNotContain("questions")
                .doesNotContain("$2a$");
    }

    private static List<Class<?>> eventRecords(String packageName) throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter((reader, factory) ->
                "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName())
                        && !reader.getClassMetadata().getClassName().endsWith(".SecurityQuestion"));
        var types = new ArrayList<Class<?>>();
        for (var definition : scanner.findCandidateComponents(packageName)) {
            types.add(Class.forName(definition.getBeanClassName()));
        }
        return types;
    }
}
