package io.identity.query;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl             the issuer that access tokens must name
 * @param jwksUri               where the command side publishes its signing keys
 * @param readYourWritesTimeout how long a request with {@code X-Min-Position} may wait for the projections
 */
@ConfigurationProperties("identity")
public record QuerySettings(String publicUrl, URI jwksUri, Duration readYourWritesTimeout) {

    public QuerySettings {
        publicUrl = publicUrl != null ? publicUrl.replaceAll("/+$", "") : "http://localhost:8081";
        jwksUri = jwksUri != null ? jwksUri : URI.create(publicUrl + "/.well-known/jwks.json");
        readYourWritesTimeout = readYourWritesTimeout != null ? readYourWritesTimeout : Duration.ofSeconds(5);
    }
}
