package io.identity.console;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where browsers reach the pages ({@code identity.public-url}, the command side's setting of the same name): the
 * base of the addresses the pages hand to the API, the origin a posted form must come from, and whether cookies
 * go over HTTPS only.
 *
 * @param publicUrl required; without its trailing slashes
 */
@ConfigurationProperties("identity")
record PublicUrlSettings(String publicUrl) {

    PublicUrlSettings {
        if (publicUrl == null) {
            throw new IllegalArgumentException("identity.public-url must be set");
        }
        publicUrl = Urls.withoutTrailingSlashes(publicUrl);
    }

    /** Scheme, host and port, as a browser names the page's origin. */
    String origin() {
        var uri = URI.create(publicUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** Whether the pages are served over HTTPS, so that their cookies are marked secure. */
    boolean secure() {
        return publicUrl.startsWith("https:");
    }
}
