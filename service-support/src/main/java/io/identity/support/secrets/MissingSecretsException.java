package io.identity.support.secrets;

import java.util.List;

/** A side was started without a secret it needs, or with one unfit for use; every such secret is named. */
public class MissingSecretsException extends IllegalStateException {

    private final List<String> problems;

    MissingSecretsException(List<String> problems) {
        super("The identity service needs its secrets, each at least 32 random bytes: " + String.join("; ", problems)
                + ". Generate each with `openssl rand -base64 48` and keep them (README, Configuration).");
        this.problems = List.copyOf(problems);
    }

    /** One line per secret: its property, its environment variable and what is wrong with it. */
    public List<String> problems() {
        return problems;
    }
}
