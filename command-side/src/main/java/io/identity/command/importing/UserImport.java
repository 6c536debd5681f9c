package io.identity.command.importing;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.EmailAddresses;
import io.identity.command.user.Accounts;
import io.identity.command.user.NewAccounts;
import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Importing users from another system (§14), one line of NDJSON a user, in a single pass over the body: a line is
 * read, checked and set aside in a batch; every {@link #BATCH} lines the batch is registered in one transaction,
 * so that memory stays flat however large the file and the store is written in large steps. A line either goes in
 * whole (its {@code UserRegistered}, and its {@code EmailVerified} when the other system had verified the address)
 * or not at all. A batch that fails (another registration took a name or an address meanwhile) is registered again
 * line by line, so that only the lines that lost are left out. Idempotent per username: a username that exists is
 * skipped, so a second import of a file imports nothing new.
 */
@Component
class UserImport {

    /** Lines registered in one transaction: a few hundred events, far inside the transaction time limit. */
    static final int BATCH = 250;

    private final OperatorSettings operators;
    private final Accounts accounts;
    private final NewAccounts newAccounts;
    private final Commands commands;
    private final ImportLines lines;

    UserImport(
            OperatorSettings operators,
            Accounts accounts,
            NewAccounts newAccounts,
            Commands commands,
            ImportLines lines) {
        this.operators = operators;
        this.accounts = accounts;
        this.newAccounts = newAccounts;
        this.commands = commands;
        this.lines = lines;
    }

    /** The caller must be an operator ({@code 403 forbidden} otherwise), checked before the body is read. */
    void requireOperator(Caller caller) {
        if (!operators.includes(caller)) {
            throw new IdentityException(ErrorCode.FORBIDDEN, "Only operators may import users.");
        }
    }

    ImportTally run(Caller caller, InputStream body) throws IOException {
        requireOperator(caller);
        var tally = new ImportTally();
        var batch = new Batch();
        var reader = new NdjsonLines(body);
        for (var line = reader.next(); line != null; line = reader.next()) {
            if (line.text() != null && line.text().isBlank()) {
                continue;
            }
            var parsed = lines.parse(line);
            if (parsed.problem() != null) {
                tally.failed(line.number(), parsed.problem());
                continue;
            }
            var candidate = parsed.candidate();
            var account = candidate.account();
            if (batch.usernames.contains(account.username()) || accounts.usernameTaken(account.username())) {
                tally.skipped();
            } else if (batch.emails.contains(EmailAddresses.key(account.email()))
                    || accounts.emailTaken(account.email())) {
                tally.failed(line.number(), LineProblem.EMAIL_TAKEN);
            } else {
                batch.add(candidate);
                if (batch.candidates.size() >= BATCH) {
                    flush(batch, tally);
                }
            }
        }
        flush(batch, tally);
        return tally;
    }

    private void flush(Batch batch, ImportTally tally) {
        if (batch.candidates.isEmpty()) {
            return;
        }
        try {
            var stored = commands.run(() -> {
                batch.candidates.forEach(this::register);
                return null;
            });
            tally.imported(batch.candidates.size(), stored.position());
        } catch (RuntimeException lost) {
            batch.candidates.forEach(candidate -> alone(candidate, tally));
        }
        batch.clear();
    }

    /** A line of a batch that failed, on its own: a username taken meanwhile is skipped, an address taken fails. */
    private void alone(ImportLines.Candidate candidate, ImportTally tally) {
        try {
            var stored = commands.run(() -> {
                register(candidate);
                return null;
            });
            tally.imported(1, stored.position());
        } catch (RuntimeException e) {
            var translated = NewAccounts.translate(e);
            if (!(translated instanceof IdentityException taken)) {
                throw e;
            }
            if (taken.code() == ErrorCode.USERNAME_TAKEN) {
                tally.skipped();
            } else if (taken.code() == ErrorCode.EMAIL_TAKEN) {
                tally.failed(candidate.line(), LineProblem.EMAIL_TAKEN);
            } else {
                throw e;
            }
        }
    }

    private void register(ImportLines.Candidate candidate) {
        newAccounts.registerImported(candidate.account(), candidate.emailVerified(), candidate.createdAt());
    }

    /** The lines waiting to be registered, and their names and addresses, which later lines may not take. */
    private static final class Batch {
        private final List<ImportLines.Candidate> candidates = new ArrayList<>();
        private final Set<String> usernames = new HashSet<>();
        private final Set<String> emails = new HashSet<>();

        void add(ImportLines.Candidate candidate) {
            candidates.add(candidate);
            usernames.add(candidate.account().username());
            emails.add(EmailAddresses.key(candidate.account().email()));
        }

        void clear() {
            candidates.clear();
            usernames.clear();
            emails.clear();
        }
    }
}
