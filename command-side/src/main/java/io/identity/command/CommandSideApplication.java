package io.identity.command;

import io.identity.console.ConsoleConfiguration;
import io.identity.support.axon.EventStoreConfiguration;
import io.identity.support.web.WebSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The command side: every write of the identity service, and the pages people use it through. Spring Boot's own
 * security set-up stays off: the OpenID Connect provider's filter chains, its filter's registration and its keys
 * are configured in {@code oidc} (a generated user, a generated signing key or a chain over every path would be
 * wrong here).
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                    + "OAuth2AuthorizationServerJwtAutoConfiguration"
        })
@ConfigurationPropertiesScan
@EnableScheduling
@Import({EventStoreConfiguration.class, WebSupportConfiguration.class, ConsoleConfiguration.class})
public class CommandSideApplication {

    /** Its configuration file is {@code command-side.yml}, so it can share a JVM with the query side. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandSideApplication.class).properties("spring.config.name=command-side");
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        builder().run(args);
    }
}
