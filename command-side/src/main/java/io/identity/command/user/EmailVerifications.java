package io.identity.command.user;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Verification links: a fresh token per request, only its hash in the event, the raw link only in the outbox
 * row until its mail is sent.
 */
@Component
public class EmailVerifications {

    static final Duration LIFETIME = Duration.ofHours(24);
    static final String TEMPLATE = "verify-email";

    private final Commands commands;
    private final CommandGateway gateway;
    private final Accounts accounts;
    private final EmailVerificationTokens tokens;
    private final Outbox outbox;
    private final IdentitySettings settings;
    private final Clock clock;

    EmailVerifications(
            Commands commands,
            CommandGateway gateway,
            Accounts accounts,
            EmailVerificationTokens tokens,
            Outbox outbox,
            IdentitySettings settings,
            Clock clock) {
        this.commands = commands;
        this.gateway = gateway;
        this.accounts = accounts;
        this.tokens = tokens;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records a new link for the user's address and queues its mail, in the caller's transaction (inside
     * {@link Commands#run}); older links stop working. Nothing happens for an address verified already.
     */
    public void request(UUID userId, String email, String username, Locale locale) {
        var token = OpaqueTokens.generate();
        Boolean requested = gateway.sendAndWait(new RequestEmailVerification(
                userId, email, OpaqueTokens.hashHex(token), clock.instant().plus(LIFETIME)));
        if (Boolean.TRUE.equals(requested)) {
            outbox.enqueue(new Mail(
                    email,
                    TEMPLATE,
                    locale,
                    userId,
                    Map.of("name", username),
                    Map.of("link", settings.publicUrl() + "/verify-email?token=" + token)));
        }
    }

    Commands.Stored<Void> resend(UUID userId, String acceptLanguage) {
        var account = accounts.byId(userId).orElseThrow(IdentityException::unauthenticated);
        var locale = MailLocales.forUser(account.locale(), acceptLanguage);
        return commands.run(() -> {
            request(userId, account.email(), account.username(), locale);
            return null;
        });
    }

    /** Unknown, replaced, used and expired tokens all fail alike, with {@code 400 invalid_token}. */
    Commands.Stored<Void> verify(String token) {
        if (token == null || token.isEmpty()) {
            throw User.invalidVerificationToken();
        }
        var hash = OpaqueTokens.hashHex(token);
        var userId = tokens.userFor(hash).orElseThrow(User::invalidVerificationToken);
        // whoever holds the link acts for the owner of the address, as at registration
        RequestContext.actor(userId);
        try {
            return commands.run(() -> {
                String previous = gateway.sendAndWait(new VerifyEmail(userId, hash));
                if (previous != null) {
                    noticeToPreviousAddress(userId, previous);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw Uniqueness.translate(e);
        }
    }

    /**
     * Sends a link to a new address, after the current password was checked; the account moves there only when
     * the link is followed (and the address is still free then).
     */
    Commands.Stored<Void> requestChange(Account account, String newEmail, Locale locale) {
        var token = OpaqueTokens.generate();
        return commands.run(() -> {
            gateway.sendAndWait(new RequestEmailChange(
                    account.userId(),
                    newEmail,
                    OpaqueTokens.hashHex(token),
                    clock.instant().plus(LIFETIME)));
            outbox.enqueue(new Mail(
                    newEmail,
                    TEMPLATE,
                    locale,
                    account.userId(),
                    Map.of("name", account.username()),
                    Map.of("link", settings.publicUrl() + "/verify-email?token=" + token)));
            return null;
        });
    }

    /** The address the account left learns of it, in case the change was not its owner's doing. */
    private void noticeToPreviousAddress(UUID userId, String previous) {
        if (previous == null) {
            return; // the account had no address before this one
        }
        accounts.byId(userId)
                .ifPresent(account -> outbox.enqueue(new Mail(
                        previous,
                        "email-changed",
                        MailLocales.forUser(account.locale(), null),
                        userId,
                        Map.of("name", account.username(), "newEmail", masked(account.email())),
                        Map.of())));
    }

    /** {@code a***@example.com}: enough for the owner to recognise, little for anyone else. */
    static String masked(String email) {
        var at = email.lastIndexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }
}
