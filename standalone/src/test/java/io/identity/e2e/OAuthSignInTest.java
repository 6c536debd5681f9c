package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.stream.EventSchemas;
import io.identity.support.test.Http;
import io.identity.support.test.TestOidc;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A person signs up through an OpenID Connect provider and uses the account everywhere: the command side's
 * tokens, the query side's view of the linked accounts, their export and security log, and the event stream.
 */
class OAuthSignInTest {

    @Test
    void aPersonSignsUpThroughAProviderAndTheLinkShowsOnEverySide() {
        var system = RunningSystem.get();
        var subject = "k-" + UUID.randomUUID();
        var email = "katherine-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        TestOidc.nextPerson(
                "test", subject, Map.of("email", email, "email_verified", true, "name", "Katherine Johnson"));

        var started = system.command.get("/api/v1/auth/oauth/test/authorize?redirect_uri="
                + URLEncoder.encode(TestOidc.APP, StandardCharsets.UTF_8));
        assertThat(started.status()).isEqualTo(302);
        var fromProvider = TestOidc.atProvider(started.header("Location"));
        var back = system.command.get("/api/v1/auth/oauth/test/callback?code=" + fromProvider.get("code") + "&state="
                + fromProvider.get("state"));
        assertThat(back.status()).isEqualTo(302);
        var code = TestOidc.query(back.header("Location")).get("code");
        var tokens = system.command.post("/api/v1/auth/oauth/token", Map.of("code", code));
        assertThat(tokens.status()).isEqualTo(200);
        var auth = new String[] {
            "Authorization",
            "Bearer " + tokens.json().path("access_token").asString(),
            "X-Min-Position",
            tokens.header("X-Event-Position")
        };

        var identities = system.query.get("/api/v1/users/me/identities", auth);
        assertThat(identities.status()).isEqualTo(200);
        var item = identities.json().path("items").get(0);
        assertThat(item.path("provider").asString()).isEqualTo("test");
        assertThat(item.path("subject").asString()).isEqualTo(subject);
        assertThat(item.path("email").asString()).isEqualTo(email);
        assertThat(item.path("linkedAt").asString()).isNotBlank();
        assertThat(identities.json().path("nextCursor").isNull()).isTrue();

        var me = system.query.get("/api/v1/users/me", auth).json();
        assertThat(me.path("email").asString()).isEqualTo(email);
        assertThat(me.path("emailVerified").asBoolean()).isTrue();
        assertThat(me.path("displayName").asString()).isEqualTo("Katherine Johnson");
        var userId = me.path("userId").asString();

        var export = system.query.get("/api/v1/users/me/export", auth).json();
        assertThat(export.path("identities").get(0).path("subject").asString()).isEqualTo(subject);
        var log = new ArrayList<String>();
        system.query
                .get("/api/v1/users/me/audit", auth)
                .json()
                .path("items")
                .forEach(entry -> log.add(entry.path("type").asString()));
        assertThat(log).contains("UserRegistered", "ExternalIdentityLinked", "SessionStarted");

        var published = Topics.read(system, "identity.users", userId, 3);
        var types = new ArrayList<String>();
        for (var record : published) {
            var event = Http.JSON.readTree(record.value());
            types.add(event.path("type").asString());
            assertThat(EventSchemas.violations(event.path("type").asString(), event.path("data")))
                    .isEmpty();
        }
        assertThat(types)
                .containsExactly(
                        "identity.user.UserRegistered",
                        "identity.user.EmailVerified",
                        "identity.user.ExternalIdentityLinked");
        assertThat(Http.JSON
                        .readTree(published.get(0).value())
                        .path("data")
                        .path("method")
                        .asString())
                .isEqualTo("OAUTH");
    }

    /**
     * (v1.1) An address the provider did not verify is not the account's: the account has none, and every read of
     * it says so (null), the stream included, while the address stays free.
     */
    @Test
    void anAccountWithoutAnAddressReadsAsNullEverywhere() {
        var system = RunningSystem.get();
        var subject = "m-" + UUID.randomUUID();
        var email = "mary-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        TestOidc.nextPerson("test", subject, Map.of("email", email, "email_verified", false, "name", "Mary Jackson"));
        var started = system.command.get("/api/v1/auth/oauth/test/authorize?redirect_uri="
                + URLEncoder.encode(TestOidc.APP, StandardCharsets.UTF_8));
        var fromProvider = TestOidc.atProvider(started.header("Location"));
        var back = system.command.get("/api/v1/auth/oauth/test/callback?code=" + fromProvider.get("code") + "&state="
                + fromProvider.get("state"));
        var tokens = system.command.post(
                "/api/v1/auth/oauth/token",
                Map.of("code", TestOidc.query(back.header("Location")).get("code")));
        assertThat(tokens.status()).isEqualTo(200);
        var bearer = "Bearer " + tokens.json().path("access_token").asString();
        var company = system.command.post("/api/v1/companies", Map.of("name", "Langley"), "Authorization", bearer);
        assertThat(company.status()).isEqualTo(201);
        var auth = new String[] {"Authorization", bearer, "X-Min-Position", company.header("X-Event-Position")};

        var me = system.query.get("/api/v1/users/me", auth);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().has("email")).isTrue();
        assertThat(me.json().path("email").isNull()).as(me.body()).isTrue();
        assertThat(me.json().path("emailVerified").asBoolean()).isFalse();
        var userId = me.json().path("userId").asString();
        var members = system.query.get(
                "/api/v1/companies/" + company.json().path("companyId").asString() + "/members", auth);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().path("items").get(0).path("email").isNull()).isTrue();
        var export = system.query.get("/api/v1/users/me/export", auth);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().path("user").path("email").isNull()).isTrue();
        assertThat(export.json().path("identities").get(0).path("email").asString())
                .isEqualTo(email);

        var published = Topics.read(system, "identity.users", userId, 2);
        var registered = Http.JSON.readTree(published.get(0).value());
        assertThat(registered.path("type").asString()).isEqualTo("identity.user.UserRegistered");
        assertThat(registered.path("data").path("email").isNull()).isTrue();
        assertThat(EventSchemas.violations("identity.user.UserRegistered", registered.path("data")))
                .isEmpty();

        assertThat(system.command
                        .post(
                                "/api/v1/registrations",
                                Map.of(
                                        "username",
                                        "owner-" + UUID.randomUUID().toString().substring(0, 8),
                                        "email",
                                        email,
                                        "password",
                                        "correct horse battery"))
                        .status())
                .as("the address is free")
                .isEqualTo(201);
    }

    @Test
    void aSignInStartedOnOneInstanceFinishesOnAnother() {
        var system = RunningSystem.get();
        var second = system.startCommandSide();
        try {
            var other = new Http("http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
            var email = "dorothy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            TestOidc.nextPerson("test", "d-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true));

            var started = system.command.get("/api/v1/auth/oauth/test/authorize?redirect_uri="
                    + URLEncoder.encode(TestOidc.APP, StandardCharsets.UTF_8));
            var fromProvider = TestOidc.atProvider(started.header("Location"));
            var back = other.get("/api/v1/auth/oauth/test/callback?code=" + fromProvider.get("code") + "&state="
                    + fromProvider.get("state"));
            var code = TestOidc.query(back.header("Location")).get("code");
            assertThat(code)
                    .as("the second instance finished the first one's flow")
                    .isNotNull();
            var tokens = system.command.post("/api/v1/auth/oauth/token", Map.of("code", code));
            assertThat(tokens.status()).isEqualTo(200);
            assertThat(other.post("/api/v1/auth/oauth/token", Map.of("code", code))
                            .status())
                    .as("spent on every instance")
                    .isEqualTo(400);
        } finally {
            second.close();
        }
    }
}
