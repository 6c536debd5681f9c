package io.identity.query.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The shapes in which users are shown (§5). */
final class UserViews {

    private UserViews() {}

    record Notifications(boolean product, boolean companyActivity) {}

    record Settings(String locale, String timezone, Notifications emailNotifications) {}

    record Privacy(String profileVisibility, boolean showEmail, boolean showPhone) {}

    record MyCompany(UUID companyId, String name, String role) {}

    /** Companies are filled in while the rows are read, hence no defensive copy. */
    record Me(
            UUID userId,
            String username,
            String email,
            boolean emailVerified,
            String displayName,
            String firstName,
            String lastName,
            String phone,
            String bio,
            String avatarUrl,
            Settings settings,
            Privacy privacy,
            Instant createdAt,
            List<MyCompany> companies) {}

    record PublicUser(
            UUID userId,
            String username,
            String displayName,
            String firstName,
            String lastName,
            String bio,
            String avatarUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            @JsonInclude(JsonInclude.Include.NON_NULL) String phone) {}

    record Membership(UUID companyId, String name, String role, Instant joinedAt) {}

    record Identity(String provider, String subject, String email, Instant linkedAt) {}

    record SessionView(
            UUID sessionId,
            Instant createdAt,
            Instant lastUsedAt,
            String ip,
            String userAgent,
            String method,
            boolean current) {}
}
