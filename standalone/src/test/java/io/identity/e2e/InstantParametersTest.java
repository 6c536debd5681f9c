package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Registrations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An instant a client sends, as a parameter or inside a cursor, that parses but lies outside the years 1 to 9999 is
 * the client's mistake: {@code 400 validation_failed} naming the parameter, never a {@code 500}.
 */
class InstantParametersTest {

    private static final String PASSWORD = "correct horse battery";
    private static final List<String> OUT_OF_RANGE = List.of(
            "+1000000000-01-01T00:00:00Z",
            "+294277-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z",
            "-0001-01-01T00:00:00Z");

    private final RunningSystem system = RunningSystem.get();

    private String[] signedUp() {
        var name = "i" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Clocks of " + name));
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        return new String[] {
            "Authorization",
            "Bearer " + login.json().path("access_token").asString(),
            "X-Min-Position",
            login.header("X-Event-Position")
        };
    }

    private static String cursor(String... keys) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join("\u001f", keys).getBytes(StandardCharsets.UTF_8));
    }

    private static String query(String value) {
        return value.replace("+", "%2B");
    }

    private void invalid(String path, String[] auth, String field) {
        var response = system.query.get(path, auth);
        assertThat(response.status()).as(path + " " + response).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .as(path)
                .isEqualTo(field);
    }

    @Test
    void anInstantOutsideTheYearsOneTo9999IsAValidationFailureNamingItsParameter() {
        var auth = signedUp();
        var companyId = system.query
                .get("/api/v1/users/me/companies", auth)
                .json()
                .path("items")
                .get(0)
                .path("companyId")
                .asString();
        var company = "/api/v1/companies/" + companyId;
        for (var instant : OUT_OF_RANGE) {
            invalid(company + "/members?asOf=" + query(instant), auth, "asOf");
            invalid(company + "/audit?from=" + query(instant), auth, "from");
            invalid(company + "/audit?to=" + query(instant), auth, "to");
            invalid("/api/v1/users/me/audit?from=" + query(instant), auth, "from");
            var keyed = cursor(instant, UUID.randomUUID().toString());
            invalid(company + "/members?cursor=" + keyed, auth, "cursor");
            invalid(company + "/invitations?cursor=" + keyed, auth, "cursor");
            invalid("/api/v1/users/me/companies?cursor=" + keyed, auth, "cursor");
            invalid("/api/v1/users/me/sessions?cursor=" + keyed, auth, "cursor");
            invalid("/api/v1/users/me/identities?cursor=" + cursor(instant, "oidc"), auth, "cursor");
        }
        for (var edge : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            assertThat(system.query.get(company + "/members?asOf=" + edge, auth).status())
                    .as(edge)
                    .isEqualTo(200);
            assertThat(system.query.get(company + "/audit?from=" + edge, auth).status())
                    .as(edge)
                    .isEqualTo(200);
            assertThat(system.query
                            .get(
                                    company + "/members?cursor="
                                            + cursor(edge, UUID.randomUUID().toString()),
                                    auth)
                            .status())
                    .as(edge)
                    .isEqualTo(200);
        }
    }
}
