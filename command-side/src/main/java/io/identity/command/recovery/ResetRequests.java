package io.identity.command.recovery;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.user.Accounts;
import io.identity.command.user.RequestPasswordReset;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Handles "send me a reset link" after the response has gone: the answer ({@code 202}) and its timing are the
 * same whether the address has an account or not. A known address gets a new link (voiding older ones) by mail,
 * queued in the transaction of the event.
 */
@Component
class ResetRequests implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResetRequests.class);

    private final Accounts accounts;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Outbox outbox;
    private final Clock clock;
    private final RecoverySettings settings;
    private final String publicUrl;
    private final ExecutorService executor =
            new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000), runnable -> {
                var thread = new Thread(runnable, "password-reset-requests");
                thread.setDaemon(true);
                return thread;
            });

    ResetRequests(
            Accounts accounts,
            Commands commands,
            CommandGateway gateway,
            Outbox outbox,
            Clock clock,
            RecoverySettings settings,
            IdentitySettings identity) {
        this.accounts = accounts;
        this.commands = commands;
        this.gateway = gateway;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.publicUrl = identity.publicUrl();
    }

    void submit(String email, String acceptLanguage) {
        try {
            executor.execute(RequestContext.carrying(RequestContext.current(), () -> handle(email, acceptLanguage)));
        } catch (RejectedExecutionException overloaded) {
            log.warn("Too many password reset requests queued; one was dropped");
        }
    }

    private void handle(String email, String acceptLanguage) {
        try {
            accounts.byLogin(null, email).ifPresent(account -> {
                var locale = MailLocales.forUser(account.locale(), acceptLanguage);
                var token = OpaqueTokens.generate();
                var expiresAt = clock.instant().plus(settings.linkLifetime());
                commands.run(() -> {
                    gateway.sendAndWait(
                            new RequestPasswordReset(account.userId(), OpaqueTokens.hashHex(token), expiresAt));
                    outbox.enqueue(new Mail(
                            account.email(),
                            "reset-password",
                            locale,
                            account.userId(),
                            Map.of(
                                    "name",
                                    account.username(),
                                    "validMinutes",
                                    Long.toString(settings.linkLifetime().toMinutes())),
                            Map.of("link", publicUrl + "/reset-password?token=" + token)));
                    return null;
                });
            });
        } catch (RuntimeException e) {
            // the class only: a message may quote values, and this request names an address
            log.warn("A password reset request failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
