package io.identity.command.auth;

import io.identity.command.session.EndSession;
import io.identity.command.session.SessionRegistry;
import io.identity.command.session.StartSession;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.RehashPassword;
import io.identity.command.user.Usernames;
import io.identity.command.web.Commands;
import io.identity.events.security.LoginFailed;
import io.identity.events.security.LoginThrottled;
import io.identity.events.session.SessionEndReason;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;

/** Signing in with a password, refreshing a session's tokens, and ending sessions. */
public class Authentication {

    public static final String PASSWORD = "PASSWORD";
    /** The channel of a failed {@link #confirms} in {@code LoginFailed}. */
    public static final String CURRENT_PASSWORD = "CURRENT_PASSWORD";

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Commands commands;
    private final CommandGateway gateway;
    private final RefreshTokens refreshTokens;
    private final SessionRegistry sessions;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final Throttle throttle;
    private final EventGateway events;

    public Authentication(
            Accounts accounts,
            PasswordHasher hasher,
            Commands commands,
            CommandGateway gateway,
            RefreshTokens refreshTokens,
            SessionRegistry sessions,
            TokenIssuer issuer,
            Clock clock,
            Duration sessionLifetime,
            Throttle throttle,
            EventGateway events) {
        this.throttle = throttle;
        this.events = events;
        this.accounts = accounts;
        this.hasher = hasher;
        this.commands = commands;
        this.gateway = gateway;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.issuer = issuer;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
    }

    /**
     * Checks the password and opens a session. Unknown login and wrong password fail alike and count alike
     * against the login name's throttle; while it is locked even the right password is refused.
     *
     * @param channel LOGIN or TOKEN, recorded with failures
     */
    public Commands.Stored<TokenResponse> login(String login, String password, String channel) {
        var account = find(login);
        var subject = account.map(a -> "user:" + a.userId())
                .orElseGet(() -> "name:" + OpaqueTokens.hashHex(normalizedLogin(login)));
        if (!counted(
                subject,
                account.map(Account::userId).orElse(null),
                channel,
                () -> account.isPresent()
                        ? hasher.matches(password, account.get().passwordHash())
                        : burn(password))) {
            throw invalidCredentials();
        }
        if (!account.get().active()) {
            // said only after the right password, so it tells nothing to someone guessing
            throw new IdentityException(ErrorCode.ACCOUNT_DISABLED, ErrorCode.ACCOUNT_DISABLED.title());
        }
        var sessionId = UUID.randomUUID();
        var expiresAt = clock.instant().plus(sessionLifetime);
        RequestContext.actor(account.get().userId());
        var rehash = hasher.needsRehash(account.get().passwordHash()) ? hasher.hash(password) : null;
        return commands.run(() -> {
            if (rehash != null) {
                // the configured cost changed since this hash was made: the password is at hand only now
                gateway.sendAndWait(new RehashPassword(account.get().userId(), rehash));
            }
            gateway.sendAndWait(new StartSession(sessionId, account.get().userId(), PASSWORD, expiresAt));
            return tokens(account.get(), sessionId, expiresAt);
        });
    }

    /**
     * A signed-in person's password, asked again before a sensitive change: counted in the same per-account
     * throttle as signing in, so a stolen access token cannot be used to guess the password behind it. While
     * the account is locked even the right password is refused ({@code 429 too_many_attempts}).
     */
    public boolean confirms(Account account, String password) {
        return counted(
                "user:" + account.userId(),
                account.userId(),
                CURRENT_PASSWORD,
                () -> hasher.matches(password, account.passwordHash()));
    }

    /** One password check under the throttle of {@code subject}: a failure is counted and recorded. */
    private boolean counted(String subject, UUID userId, String channel, BooleanSupplier check) {
        var attempt = throttle.begin(subject);
        if (!attempt.allowed()) {
            throw attempt.refusal(clock.instant());
        }
        if (!check.getAsBoolean()) {
            recordFailure(userId, channel, attempt);
            return false;
        }
        throttle.succeeded(subject);
        return true;
    }

    /**
     * Opens a session for an active account whose holder proved who they are another way (an OpenID Connect
     * provider, through a one-time code); {@code method} is recorded with the session.
     */
    public Commands.Stored<TokenResponse> signIn(Account account, String method) {
        if (!account.active()) {
            throw new IdentityException(ErrorCode.ACCOUNT_DISABLED, ErrorCode.ACCOUNT_DISABLED.title());
        }
        var sessionId = UUID.randomUUID();
        var expiresAt = clock.instant().plus(sessionLifetime);
        RequestContext.actor(account.userId());
        return commands.run(() -> {
            gateway.sendAndWait(new StartSession(sessionId, account.userId(), method, expiresAt));
            return tokens(account, sessionId, expiresAt);
        });
    }

    /** Exchanges a refresh token for a new pair; a reused one ends its session. */
    public Commands.Stored<TokenResponse> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw invalidToken();
        }
        Commands.Stored<Object> stored = commands.run(() -> {
            var use = refreshTokens.consume(refreshToken);
            if (use instanceof RefreshTokens.Fresh fresh && sessions.isLive(fresh.sessionId())) {
                var account =
                        accounts.byId(fresh.userId()).filter(Account::active).orElseThrow(Authentication::invalidToken);
                return tokens(account, fresh.sessionId(), fresh.expiresAt());
            }
            return use;
        });
        if (stored.result() instanceof TokenResponse tokens) {
            return new Commands.Stored<>(tokens, stored.position());
        }
        if (stored.result() instanceof RefreshTokens.Reused reused) {
            commands.send(new EndSession(reused.sessionId(), reused.userId(), SessionEndReason.REFRESH_TOKEN_REUSED));
        }
        throw invalidToken();
    }

    private boolean burn(String password) {
        hasher.burn(password == null ? "" : password);
        return false;
    }

    /** Audit facts outside any aggregate, committed even though the request fails. */
    private void recordFailure(UUID userId, String channel, Throttle.Attempt attempt) {
        var now = clock.instant();
        commands.run(() -> {
            events.publish(new LoginFailed(userId, channel, attempt.failures(), now));
            if (attempt.lockedUntil() != null) {
                events.publish(new LoginThrottled(userId, attempt.failures(), attempt.lockedUntil()));
            }
            return null;
        });
    }

    public Commands.Stored<Object> end(UUID sessionId, UUID requestedBy, SessionEndReason reason) {
        return commands.send(new EndSession(sessionId, requestedBy, reason));
    }

    private TokenResponse tokens(Account account, UUID sessionId, Instant expiresAt) {
        var refresh = refreshTokens.create(sessionId, account.userId(), expiresAt);
        var access = issuer.issue(account, sessionId);
        var refreshSeconds =
                Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        return new TokenResponse(access, "Bearer", issuer.lifetime().toSeconds(), refresh, refreshSeconds, sessionId);
    }

    private Optional<Account> find(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        var normalized = normalizedLogin(login);
        return normalized.contains("@") ? accounts.byLogin(null, normalized) : accounts.byLogin(normalized, null);
    }

    /** A username in its normal form, an email lower-cased: the name a throttle counts under. */
    private static String normalizedLogin(String login) {
        if (login == null) {
            return "";
        }
        var trimmed = login.strip();
        return trimmed.contains("@") ? Accounts.emailKey(trimmed) : Usernames.normalize(trimmed);
    }

    static IdentityException invalidCredentials() {
        return new IdentityException(ErrorCode.INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS.title());
    }

    static IdentityException invalidToken() {
        return new IdentityException(ErrorCode.INVALID_TOKEN, ErrorCode.INVALID_TOKEN.title());
    }
}
