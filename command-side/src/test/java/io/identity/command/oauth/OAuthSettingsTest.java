package io.identity.command.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Providers are configured from the environment alone, as operators of containers do, with sound defaults. */
class OAuthSettingsTest {

    private static OAuthSettings bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bind("identity.oauth", OAuthSettings.class)
                .orElseGet(() -> new OAuthSettings(null, null, null, null, null));
    }

    @Test
    void aProviderComesFromEnvironmentVariables() {
        var settings = bind(Map.of(
                "IDENTITY_OAUTH_PROVIDERS_GOOGLE_ISSUERURI", "https://accounts.google.com",
                "IDENTITY_OAUTH_PROVIDERS_GOOGLE_CLIENTID", "client-1",
                "IDENTITY_OAUTH_PROVIDERS_GOOGLE_CLIENTSECRET", "secret-1",
                "IDENTITY_OAUTH_ALLOWEDREDIRECTURIS", "https://app.example/a,https://app.example/b",
                "IDENTITY_OAUTH_CODELIFETIME", "30s"));
        var google = settings.providers().get("google");
        assertThat(google.issuerUri()).isEqualTo("https://accounts.google.com");
        assertThat(google.clientId()).isEqualTo("client-1");
        assertThat(google.clientSecret()).isEqualTo("secret-1");
        assertThat(google.scopes()).containsExactly("openid", "email", "profile");
        assertThat(settings.redirectUris(google)).containsExactly("https://app.example/a", "https://app.example/b");
        assertThat(settings.codeLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.flowLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(google.toString()).doesNotContain("secret-1");
        assertThat(google.trustEmail())
                .as("a provider's addresses are not trusted unless configured so")
                .isFalse();
    }

    @Test
    void aProviderIsTrustedForItsAddressesOnlyWhenConfiguredSo() {
        var settings = bind(Map.of(
                "IDENTITY_OAUTH_PROVIDERS_CORP_ISSUERURI", "https://id.corp.example",
                "IDENTITY_OAUTH_PROVIDERS_CORP_CLIENTID", "client-1",
                "IDENTITY_OAUTH_PROVIDERS_CORP_TRUSTEMAIL", "true",
                "IDENTITY_OAUTH_PROVIDERS_SOCIAL_ISSUERURI", "https://social.example",
                "IDENTITY_OAUTH_PROVIDERS_SOCIAL_CLIENTID", "client-2"));
        assertThat(settings.providers().get("corp").trustEmail()).isTrue();
        assertThat(settings.providers().get("social").trustEmail()).isFalse();
    }

    @Test
    void nothingConfiguredMeansNoProvider() {
        var settings = bind(Map.of());
        assertThat(settings.providers()).isEmpty();
        assertThat(settings.allowedRedirectUris()).isEmpty();
        assertThat(settings.codeLifetime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aWrongSettingStopsTheStart() {
        var provider = new OAuthSettings.Provider("https://id.example", "c", "s", null, null, false, null);
        assertThatThrownBy(() -> new OAuthSettings(Map.of("bad id", provider), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad id");
        assertThatThrownBy(() -> new OAuthSettings(
                        Map.of("p", new OAuthSettings.Provider(null, "c", "s", null, null, false, null)),
                        null,
                        null,
                        null,
                        null))
                .hasMessageContaining("issuer-uri");
        for (var address : List.of("/relative", "ftp://app.example/cb", "https://app.example/cb#frag", "not a uri")) {
            assertThatThrownBy(() -> new OAuthSettings(Map.of(), List.of(address), null, null, null))
                    .as(address)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aProvidersOwnAddressesAddToTheSharedOnes() {
        var provider = new OAuthSettings.Provider(
                "https://id.example",
                "c",
                "s",
                List.of("openid", "email"),
                List.of("https://only-here.example/cb"),
                false,
                null);
        var settings = new OAuthSettings(Map.of("p", provider), List.of("https://app.example/cb"), null, null, null);
        assertThat(settings.redirectUris(provider))
                .containsExactly("https://app.example/cb", "https://only-here.example/cb");
    }
}
