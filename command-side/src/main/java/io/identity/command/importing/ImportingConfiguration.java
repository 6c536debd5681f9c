package io.identity.command.importing;

import io.identity.support.problem.StreamedBodies;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The import's body is unbounded (it is read as a stream); every other body keeps the contract's 64 KiB limit. */
@Configuration(proxyBeanMethods = false)
class ImportingConfiguration {

    @Bean
    StreamedBodies userImportBody() {
        return new StreamedBodies(Set.of(UserImportController.PATH));
    }
}
