package io.identity.query;

import io.identity.support.axon.EventStoreConfiguration;
import io.identity.support.web.WebSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The query side: projections into read models, and every read. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import({EventStoreConfiguration.class, WebSupportConfiguration.class})
public class QuerySideApplication {

    /** Its configuration file is {@code query-side.yml}, so it can share a JVM with the command side. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QuerySideApplication.class).properties("spring.config.name=query-side");
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        builder().run(args);
    }
}
