package io.identity.query.company;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.company.MemberRoleChanged;
import io.identity.events.company.RemovalReason;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import io.identity.support.auth.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A retried batch or a segment taken over applies a company's events again: the history of its memberships, and so
 * every {@code asOf} answer, stays as it was after the first time. The company's events are handed to the
 * projection's handlers here, as its processor would hand them, so that each can be given twice.
 */
class MembershipHistoryTest extends QuerySideTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant JOINED = CREATED.plusSeconds(60);
    private static final Instant PROMOTED = CREATED.plusSeconds(120);
    private static final Instant REMOVED = CREATED.plusSeconds(180);
    private static final Instant REJOINED = CREATED.plusSeconds(240);

    @Autowired
    private CompaniesProjection projection;

    @Autowired
    private CompanyQueryController controller;

    private UUID registered(String prefix) {
        var userId = UUID.randomUUID();
        var name = prefix + userId.toString().substring(0, 6);
        append(
                "User",
                userId,
                0,
                new UserRegistered(
                        userId,
                        name,
                        name + "@example.com",
                        "$2a$04$hash",
                        name,
                        RegistrationMethod.PASSWORD,
                        CREATED));
        return userId;
    }

    private Map<UUID, String> roles(UUID companyId, UUID viewer, Instant asOf) {
        var caller = new Caller(viewer, UUID.randomUUID(), "viewer", "viewer@example.com", true);
        return controller.members(caller, companyId, null, null, asOf.toString(), null, null).items().stream()
                .collect(Collectors.toMap(CompanyQueryController.Member::userId, CompanyQueryController.Member::role));
    }

    private List<Object> events(UUID companyId, UUID olga, UUID ada) {
        return List.of(
                new CompanyCreated(companyId, "Engines", null, olga, CREATED),
                new MemberJoined(companyId, olga, CompanyRole.OWNER, CREATED),
                new MemberJoined(companyId, ada, CompanyRole.MEMBER, JOINED),
                new MemberRoleChanged(companyId, ada, CompanyRole.MEMBER, CompanyRole.ADMIN, olga, PROMOTED),
                new MemberRemoved(companyId, ada, RemovalReason.REMOVED, olga, REMOVED),
                new MemberJoined(companyId, ada, CompanyRole.MEMBER, REJOINED));
    }

    private List<Map<String, Object>> history(UUID companyId) {
        return jdbc.queryForList(
                "SELECT user_id, role, valid_from, valid_to FROM membership_history "
                        + "WHERE company_id = ? ORDER BY user_id, valid_from",
                companyId);
    }

    @Test
    void everyCompanyEventAppliedTwiceLeavesTheHistoryAsOnce() {
        var olga = registered("olga");
        var ada = registered("ada");
        await(
                "the users are projected",
                () -> count("SELECT count(*) FROM users WHERE user_id IN (?, ?)", olga, ada) == 2);
        var handlers = new AnnotationEventHandlerAdapter(projection);
        var once = UUID.randomUUID();
        events(once, olga, ada).forEach(event -> handle(handlers, event));
        // as a retried batch or a segment taken over would: each event again at once, then all of them once more
        var twice = UUID.randomUUID();
        var events = events(twice, olga, ada);
        for (var event : events) {
            handle(handlers, event);
            handle(handlers, event);
        }
        events.forEach(event -> handle(handlers, event));

        assertThat(history(twice)).isEqualTo(history(once)).hasSize(4);
        assertThat(roles(twice, olga, CREATED)).isEqualTo(Map.of(olga, "OWNER"));
        assertThat(roles(twice, olga, JOINED)).isEqualTo(Map.of(olga, "OWNER", ada, "MEMBER"));
        assertThat(roles(twice, olga, PROMOTED.minusMillis(1))).isEqualTo(Map.of(olga, "OWNER", ada, "MEMBER"));
        assertThat(roles(twice, olga, PROMOTED)).isEqualTo(Map.of(olga, "OWNER", ada, "ADMIN"));
        assertThat(roles(twice, olga, REMOVED.minusMillis(1))).isEqualTo(Map.of(olga, "OWNER", ada, "ADMIN"));
        assertThat(roles(twice, olga, REMOVED)).isEqualTo(Map.of(olga, "OWNER"));
        assertThat(roles(twice, olga, REJOINED)).isEqualTo(Map.of(olga, "OWNER", ada, "MEMBER"));
        assertThat(roles(twice, olga, REJOINED.plusSeconds(3600))).isEqualTo(Map.of(olga, "OWNER", ada, "MEMBER"));
    }

    private static void handle(AnnotationEventHandlerAdapter handlers, Object event) {
        try {
            handlers.handle(GenericEventMessage.asEventMessage(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
