package io.identity;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on every build: the two sides never reach into each other, the facts (events) and
 * the aggregates that decide them know nothing of HTTP or of the services around them, and no package depends on
 * itself through others: every package's dependencies can be read as layers.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the modules' test jars are on this module's class path too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.identity");
    private static final String[] WEB = {"org.springframework.http..", "org.springframework.web..", "jakarta.servlet.."
    };

    @Test
    void theCommandAndQuerySidesNeverReachIntoEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.identity.command..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.identity.query..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("io.identity.query..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.identity.command..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAnyPackage("io.identity.support..", "io.identity.console..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.identity.command..", "io.identity.query..")
                .check(MAIN);
    }

    @Test
    void theEventsAreFactsThatDependOnNothingOfTheService() {
        noClasses()
                .that()
                .resideInAPackage("io.identity.events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.identity.command..",
                        "io.identity.query..",
                        "io.identity.support..",
                        "io.identity.console..",
                        "org.springframework..",
                        "jakarta..")
                .check(MAIN);
    }

    @Test
    void aggregatesDecideWithoutKnowingOfHttp() {
        noClasses()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .or()
                .containAnyMethodsThat(annotatedWith(EventSourcingHandler.class))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB)
                .check(MAIN);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.identity.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
