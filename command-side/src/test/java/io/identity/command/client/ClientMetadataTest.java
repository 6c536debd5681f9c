package io.identity.command.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a registration may ask for, and the defaults of what it leaves out (RFC 7591 §2). */
class ClientMetadataTest {

    @Test
    void theDefaultsAreAConfidentialClientOfTheCodeFlowAskingForOpenid() {
        var metadata = ClientMetadata.parse("{\"redirect_uris\":[\"https://wiki.example.com/callback\"]}");
        assertThat(metadata.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
        assertThat(metadata.grantTypes()).containsExactly("authorization_code");
        assertThat(metadata.scopes()).containsExactly("openid");
        assertThat(metadata.isPublic()).isFalse();
    }

    @Test
    void nativeAppsUseLoopbackOrTheirOwnScheme() {
        var metadata = ClientMetadata.parse("{\"redirect_uris\":[\"http://127.0.0.1:5173/cb\",\"http://localhost/cb\","
                + "\"com.example.engines:/callback\"],\"token_endpoint_auth_method\":\"none\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"scope\":\"openid offline_access\"}");
        assertThat(metadata.redirectUris())
                .containsExactly("http://127.0.0.1:5173/cb", "http://localhost/cb", "com.example.engines:/callback");
        assertThat(metadata.isPublic()).isTrue();
        assertThat(metadata.scopes()).containsExactly("openid", "offline_access");
    }

    @Test
    void unsafeOrMalformedRegistrationsAreRefusedWithTheRfcsCodes() {
        for (var body : List.of(
                "{\"redirect_uris\":[\"http://wiki.example.com/callback\"]}",
                "{\"redirect_uris\":[\"https://wiki.example.com/callback#frag\"]}",
                "{\"redirect_uris\":[\"javascript:alert(1)\"]}",
                "{\"redirect_uris\":[\"/relative\"]}",
                "{\"grant_types\":[\"authorization_code\"]}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"post_logout_redirect_uris\":[\"http://evil.example/\"]}")) {
            assertThatThrownBy(() -> ClientMetadata.parse(body))
                    .as(body)
                    .isInstanceOfSatisfying(
                            RegistrationError.class, e -> assertThat(e.error()).isEqualTo("invalid_redirect_uri"));
        }
        for (var body : List.of(
                "",
                "[]",
                "{not json",
                "{\"redirect_uris\":\"https://a.example.com/\"}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"grant_types\":[\"implicit\"]}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"grant_types\":[\"password\"]}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"response_types\":[\"token\"]}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
                "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"scope\":\"openid admin\"}",
                "{\"redirect_uris\":[\"https://a.example.com/\"],\"client_name\":\"   \"}")) {
            assertThatThrownBy(() -> ClientMetadata.parse(body))
                    .as(body)
                    .isInstanceOfSatisfying(
                            RegistrationError.class, e -> assertThat(e.error()).isEqualTo("invalid_client_metadata"));
        }
    }
}
