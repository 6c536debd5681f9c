package io.identity.support.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing secret into Spring Boot's short start-up report instead of a stack trace. */
class SecretsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretsException cause) {
        var description = new StringBuilder("The identity service cannot start without its secrets:");
        cause.problems()
                .forEach(problem ->
                        description.append(System.lineSeparator()).append("  ").append(problem));
        return new FailureAnalysis(
                description.toString(),
                "Set each to at least 32 random bytes and keep them: for instance `openssl rand -base64 48` for each."
                        + " The same values on every instance; a new pepper invalidates every password, a new"
                        + " master key every key it sealed (README, Configuration).",
                cause);
    }
}
