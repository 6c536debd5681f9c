package io.identity.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hosted pages and consoles ({@code identity.console.*}).
 *
 * @param enabled     serve them (default true)
 * @param queryUrl    where the query side's API is reached from this instance (default http://localhost:8082)
 * @param commandUrl  where the command side's API is reached from this instance; default: this very instance,
 *                    over loopback
 * @param productName the name shown in page titles (default Identity)
 */
@ConfigurationProperties("identity.console")
public record ConsoleSettings(Boolean enabled, String queryUrl, String commandUrl, String productName) {

    public ConsoleSettings {
        enabled = enabled == null || enabled;
        queryUrl = trim(queryUrl != null ? queryUrl : "http://localhost:8082");
        commandUrl = commandUrl == null || commandUrl.isBlank() ? null : trim(commandUrl);
        productName = productName != null ? productName : "Identity";
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }
}
