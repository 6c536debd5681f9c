package io.identity.query;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl             the issuer that access tokens must name
 * @param jwksUri               where the command side publishes its signing keys
 * @param readYourWritesTimeout how long a request with {@code X-Min-Position} may wait for the projections
 * @param tokens                {@code identity.tokens.access-lifetime}, the command side's setting of the same name
 *                              (default 15 min): how long an ended session is remembered here
 */
@ConfigurationProperties("identity")
public record QuerySettings(String publicUrl, URI jwksUri, Duration readYourWritesTimeout, Tokens tokens) {

    public QuerySettings {
        publicUrl = publicUrl != null ? publicUrl.replaceAll("/+$", "") : "http://localhost:8081";
        jwksUri = jwksUri != null ? jwksUri : URI.create(publicUrl + "/.well-known/jwks.json");
        readYourWritesTimeout = readYourWritesTimeout != null ? readYourWritesTimeout : Duration.ofSeconds(5);
        tokens = tokens != null && tokens.accessLifetime() != null ? tokens : new Tokens(Duration.ofMinutes(15));
    }

    public Duration accessTokenLifetime() {
        return tokens.accessLifetime();
    }

    record Tokens(Duration accessLifetime) {}
}
