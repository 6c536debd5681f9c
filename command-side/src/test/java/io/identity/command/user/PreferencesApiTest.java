package io.identity.command.user;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.support.test.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreferencesApiTest extends CommandSideTest {

    private String userId;
    private String[] auth;

    @BeforeEach
    void user() {
        var name = unique("pref");
        userId = register(name).json().path("userId").asString();
        auth = bearer(login(name).json().path("access_token").asString());
    }

    private String lastChange(String type) {
        try {
            var payload = lastEvent(userId, Class.forName("io.identity.events.user." + type));
            return Http.JSON.writeValueAsString(
                    payload.getClass().getMethod("changed").invoke(payload));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private long events() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, userId);
    }

    private static List<String> fields(Http.Response response) {
        return StreamSupport.stream(response.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asString())
                .toList();
    }

    @Test
    void theProfileIsAMergePatch() {
        var set = http.patch(
                "/api/v1/users/me/profile",
                Map.of(
                        "firstName",
                        " Ada ",
                        "lastName",
                        "Lovelace",
                        "phone",
                        "+44 20 7946 0958",
                        "bio",
                        "Poet of\nnumbers",
                        "avatarUrl",
                        "https://example.com/ada.png"),
                auth);
        assertThat(set.status()).isEqualTo(204);
        assertThat(set.header("X-Event-Position")).isNotNull();
        assertThat(lastChange("ProfileUpdated"))
                .isEqualTo("{\"firstName\":\"Ada\",\"lastName\":"
                        + "\"Lovelace\",\"phone\":\"+442079460958\",\"bio\":\"Poet of\\nnumbers\",\"avatarUrl\":"
                        + "\"https://example.com/ada.png\"}");

        var cleared = http.send(
                HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/users/me/profile"))
                        .header("Content-Type", "application/merge-patch+json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"phone\": null}")),
                auth);
        assertThat(cleared.status()).isEqualTo(204);
        assertThat(lastChange("ProfileUpdated")).isEqualTo("{\"phone\":null}");

        var before = events();
        var unchanged = http.patch("/api/v1/users/me/profile", Map.of("lastName", "Lovelace"), auth);
        assertThat(unchanged.status()).isEqualTo(204);
        assertThat(unchanged.header("X-Event-Position"))
                .as("nothing was stored")
                .isNull();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void invalidProfileValuesAreNamedAndNothingChanges() {
        var before = events();
        var response = http.patch(
                "/api/v1/users/me/profile",
                Map.of(
                        "phone",
                        "0049 30 1234",
                        "bio",
                        "x".repeat(501),
                        "avatarUrl",
                        "http://example.com/a.png",
                        "firstName",
                        "",
                        "lastName",
                        42,
                        "displayName",
                        "bad\u0000name"),
                auth);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(fields(response))
                .containsExactlyInAnyOrder("phone", "bio", "avatarUrl", "firstName", "lastName", "displayName");
        assertThat(events()).isEqualTo(before);
        assertThat(http.patch("/api/v1/users/me/profile", "[]", auth)
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("malformed_request");
        assertThat(http.patch("/api/v1/users/me/profile", Map.of("bio", "hi"), new String[0])
                        .status())
                .isEqualTo(401);
    }

    @Test
    void settingsAreCheckedAndNormalised() {
        var set = http.patch(
                "/api/v1/users/me/settings",
                Map.of("locale", "de-ch", "timezone", "Europe/Berlin", "emailNotifications", Map.of("product", true)),
                auth);
        assertThat(set.status()).isEqualTo(204);
        assertThat(lastChange("SettingsChanged"))
                .isEqualTo("{\"locale\":\"de-CH\",\"timezone\":"
                        + "\"Europe/Berlin\",\"emailNotifications.product\":\"true\"}");
        var invalid = http.patch(
                "/api/v1/users/me/settings",
                Map.of(
                        "locale",
                        "not a locale",
                        "timezone",
                        "Mars/Base",
                        "emailNotifications",
                        Map.of("product", "yes")),
                auth);
        assertThat(fields(invalid)).containsExactlyInAnyOrder("locale", "timezone", "emailNotifications.product");
    }

    @Test
    void privacyChoicesAreCheckedAndCannotBeCleared() {
        assertThat(http.patch(
                                "/api/v1/users/me/privacy",
                                Map.of("profileVisibility", "COMPANY", "showEmail", true),
                                auth)
                        .status())
                .isEqualTo(204);
        assertThat(lastChange("PrivacyChanged"))
                .isEqualTo("{\"profileVisibility\":\"COMPANY\",\"showEmail\":\"true\"}");
        var invalid =
                http.patch("/api/v1/users/me/privacy", "{\"profileVisibility\": null, \"showPhone\": \"maybe\"}", auth);
        assertThat(fields(invalid)).containsExactlyInAnyOrder("profileVisibility", "showPhone");
        assertThat(fields(http.patch("/api/v1/users/me/privacy", Map.of("profileVisibility", "SECRET"), auth)))
                .containsExactly("profileVisibility");
    }
}
