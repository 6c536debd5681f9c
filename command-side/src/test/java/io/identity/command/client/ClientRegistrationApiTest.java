package io.identity.command.client;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.command.CommandSideTest;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.support.problem.IdentityException;
import io.identity.support.test.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dynamic client registration (RFC 7591) and its management (RFC 7592) over HTTP. */
class ClientRegistrationApiTest extends CommandSideTest {

    private static final Map<String, Object> WIKI = Map.of(
            "client_name",
            "Engines Wiki",
            "redirect_uris",
            List.of("https://wiki.example.com/callback"),
            "grant_types",
            List.of("authorization_code", "refresh_token"),
            "scope",
            "openid profile email");

    private Http.Response register(Map<String, Object> metadata, String... headers) {
        return http.post("/oauth2/register", metadata, headers);
    }

    @Test
    void aRegisteredClientGetsItsSecretAndRegistrationTokenOnceAndOnlyTheirHashesAreKept() {
        var registered = register(WIKI, bearer(REGISTRATION_TOKEN));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.header("Cache-Control")).contains("no-store");
        var body = registered.json();
        var clientId = body.path("client_id").asString();
        var secret = body.path("client_secret").asString();
        var token = body.path("registration_access_token").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(secret);
        assertThat(body.path("client_secret_expires_at").asInt()).isZero();
        assertThat(body.path("client_name").asString()).isEqualTo("Engines Wiki");
        assertThat(body.path("token_endpoint_auth_method").asString()).isEqualTo("client_secret_basic");
        assertThat(body.path("redirect_uris").values())
                .extracting(n -> n.asString())
                .containsExactly("https://wiki.example.com/callback");
        assertThat(body.path("scope").asString()).isEqualTo("openid profile email");
        assertThat(body.path("registration_client_uri").asString()).endsWith("/oauth2/register/" + clientId);

        assertThat(jdbc.queryForMap(
                        "SELECT secret_hash, registration_token_hash FROM oidc_clients WHERE client_id = ?", clientId))
                .containsEntry("secret_hash", OpaqueTokens.hashHex(secret))
                .containsEntry("registration_token_hash", OpaqueTokens.hashHex(token));
        for (var stored : storedEvents(clientId)) {
            var payload = new String(
                    jdbc.queryForObject(
                            "SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                            byte[].class,
                            stored.getIdentifier()),
                    StandardCharsets.UTF_8);
            assertThat(payload).doesNotContain(secret).doesNotContain(token);
        }

        var read = http.get("/oauth2/register/" + clientId, bearer(token));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("client_id").asString()).isEqualTo(clientId);
        assertThat(read.json().has("client_secret")).as("never shown again").isFalse();
        assertThat(read.json().has("registration_access_token")).isFalse();
    }

    @Test
    void onlyTheInitialAccessTokenRegistersAndOnlyTheClientsOwnTokenManagesIt() {
        for (var headers : List.of(new String[0], bearer("wrong"), new String[] {"Authorization", "Basic eDp5"})) {
            var refused = register(WIKI, headers);
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_token");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        }
        var first = register(WIKI, bearer(REGISTRATION_TOKEN)).json();
        var second = register(WIKI, bearer(REGISTRATION_TOKEN)).json();
        var firstUri = "/oauth2/register/" + first.path("client_id").asString();
        var othersToken = second.path("registration_access_token").asString();
        assertThat(http.get(firstUri, bearer(othersToken)).status()).isEqualTo(401);
        assertThat(http.get(firstUri, bearer(REGISTRATION_TOKEN)).status()).isEqualTo(401);
        assertThat(http.get(firstUri).status()).isEqualTo(401);
        assertThat(http.delete(firstUri, bearer(othersToken)).status()).isEqualTo(401);
        assertThat(http.get("/oauth2/register/unknown", bearer(othersToken)).status())
                .isEqualTo(401);
        assertThat(http.get(
                                firstUri,
                                bearer(first.path("registration_access_token").asString()))
                        .status())
                .as("still there")
                .isEqualTo(200);
    }

    @Test
    void badMetadataIsRefusedWithTheRfcsCodesAndRegistersNothing() {
        var before = jdbc.queryForObject("SELECT count(*) FROM oidc_clients", Long.class);
        var unsafe = register(
                Map.of("redirect_uris", List.of("http://wiki.example.com/callback")), bearer(REGISTRATION_TOKEN));
        assertThat(unsafe.status()).isEqualTo(400);
        assertThat(unsafe.json().path("error").asString()).isEqualTo("invalid_redirect_uri");
        var implicit = register(
                Map.of("redirect_uris", List.of("https://a.example.com/"), "response_types", List.of("token")),
                bearer(REGISTRATION_TOKEN));
        assertThat(implicit.status()).isEqualTo(400);
        assertThat(implicit.json().path("error").asString()).isEqualTo("invalid_client_metadata");
        var notJson = http.send(
                HttpRequest.newBuilder(URI.create(http.base() + "/oauth2/register"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"redirect_uris\": [")),
                bearer(REGISTRATION_TOKEN));
        assertThat(notJson.status()).as(notJson.body()).isEqualTo(400);
        assertThat(notJson.json().path("error").asString()).isEqualTo("invalid_client_metadata");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oidc_clients", Long.class))
                .isEqualTo(before);
    }

    @Test
    void aClientUpdatesItsMetadataWithItsOwnIdAndSecretAndIsThenDeleted() {
        var registered = register(WIKI, bearer(REGISTRATION_TOKEN)).json();
        var clientId = registered.path("client_id").asString();
        var uri = "/oauth2/register/" + clientId;
        var token = bearer(registered.path("registration_access_token").asString());
        var changed = Map.<String, Object>of(
                "client_id",
                clientId,
                "client_secret",
                registered.path("client_secret").asString(),
                "client_name",
                "Engines Knowledge",
                "redirect_uris",
                List.of("https://wiki.example.com/cb"),
                "token_endpoint_auth_method",
                "client_secret_post");
        var otherId = new HashMap<>(changed);
        otherId.put("client_id", "someone-else");
        assertThat(http.put(uri, otherId, token).json().path("error").asString())
                .isEqualTo("invalid_client_metadata");
        var otherSecret = new HashMap<>(changed);
        otherSecret.put("client_secret", "guessed");
        assertThat(http.put(uri, otherSecret, token).status()).isEqualTo(400);
        var becomingPublic = new HashMap<>(changed);
        becomingPublic.put("token_endpoint_auth_method", "none");
        assertThat(http.put(uri, becomingPublic, token).status()).isEqualTo(400);

        var updated = http.put(uri, changed, token);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("client_name").asString()).isEqualTo("Engines Knowledge");
        var read = http.get(uri, token).json();
        assertThat(read.path("token_endpoint_auth_method").asString()).isEqualTo("client_secret_post");
        assertThat(read.path("grant_types").values())
                .extracting(n -> n.asString())
                .containsExactly("authorization_code");

        assertThat(http.delete(uri, token).status()).isEqualTo(204);
        assertThat(http.get(uri, token).status()).isEqualTo(401);
        assertThat(http.delete(uri, token).status()).isEqualTo(401);
        assertThat(storedEvents(clientId))
                .extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("ClientRegistered", "ClientUpdated", "ClientDeleted");
    }

    @Test
    void aClientsNameIsPublicAndNothingElseOfIt() {
        var clientId = register(WIKI, bearer(REGISTRATION_TOKEN))
                .json()
                .path("client_id")
                .asString();
        var named = http.get("/api/v1/oauth/clients/" + clientId);
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.json().propertyNames()).containsExactlyInAnyOrder("clientId", "name");
        assertThat(named.json().path("name").asString()).isEqualTo("Engines Wiki");
        assertThat(http.get("/api/v1/oauth/clients/unknown").status()).isEqualTo(404);
    }

    @Test
    void aPublicClientHasNoSecret() {
        var app = register(
                        Map.of(
                                "redirect_uris",
                                List.of("com.example.engines:/callback"),
                                "token_endpoint_auth_method",
                                "none"),
                        bearer(REGISTRATION_TOKEN))
                .json();
        assertThat(app.path("token_endpoint_auth_method").asString()).isEqualTo("none");
        assertThat(app.has("client_secret")).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT secret_hash FROM oidc_clients WHERE client_id = ?",
                        String.class,
                        app.path("client_id").asString()))
                .isNull();
    }

    @Test
    void withoutAnInitialAccessTokenRegistrationIsOff() {
        var off = new ClientRegistration(
                null,
                null,
                null,
                null,
                new ClientRegistrationSettings(" "),
                null,
                new IdentitySettings(null, null, null));
        assertThatThrownBy(() -> off.register(null, "{}"))
                .isInstanceOfSatisfying(
                        IdentityException.class,
                        e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> off.read("any", "Bearer x")).isInstanceOf(IdentityException.class);
    }
}
