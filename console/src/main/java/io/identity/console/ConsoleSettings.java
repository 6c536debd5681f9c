package io.identity.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hosted pages and consoles ({@code identity.console.*}).
 *
 * @param enabled      serve them (default true)
 * @param queryUrl     where the query side's API is reached from this instance (default http://localhost:8082)
 * @param commandUrl   where the command side's API is reached from this instance; default: this very instance,
 *                     over loopback
 * @param productName  the name shown in page titles (default Identity)
 * @param mailInboxUrl where the mail this installation sends can be read, when it catches it itself (the
 *                     standalone's inbox): the pages that say a mail is on its way link to it. Unset by default,
 *                     where mail reaches real mailboxes
 */
@ConfigurationProperties("identity.console")
record ConsoleSettings(Boolean enabled, String queryUrl, String commandUrl, String productName, String mailInboxUrl) {

    /** Checked at start-up: a wrong address stops the service instead of showing a link that goes nowhere. */
    ConsoleSettings {
        enabled = enabled == null || enabled;
        queryUrl = Urls.withoutTrailingSlashes(queryUrl != null ? queryUrl : "http://localhost:8082");
        commandUrl = commandUrl == null || commandUrl.isBlank() ? null : Urls.withoutTrailingSlashes(commandUrl);
        productName = productName != null ? productName : "Identity";
        mailInboxUrl = mailInboxUrl == null || mailInboxUrl.isBlank() ? null : checkedInbox(mailInboxUrl.strip());
    }

    private static String checkedInbox(String url) {
        try {
            var parsed = new URI(url);
            if (parsed.isAbsolute()
                    && parsed.getHost() != null
                    && List.of("http", "https").contains(parsed.getScheme().toLowerCase(Locale.ROOT))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // said below, with the setting's name
        }
        throw new IllegalArgumentException(
                "identity.console.mail-inbox-url: '" + url + "' must be an absolute http(s) URL");
    }
}
