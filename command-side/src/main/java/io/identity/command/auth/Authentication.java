package io.identity.command.auth;

import io.identity.command.credential.PasswordChecks;
import io.identity.command.credential.PasswordHasher;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.session.EndSession;
import io.identity.command.session.LiveSessions;
import io.identity.command.session.StartSession;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.RehashPassword;
import io.identity.events.security.LoginChannel;
import io.identity.events.session.SessionEndReason;
import io.identity.events.session.SignInMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Signing in with a password, refreshing a session's tokens, and ending sessions. */
public class Authentication {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Commands commands;
    private final CommandGateway gateway;
    private final RefreshTokens refreshTokens;
    private final LiveSessions sessions;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final PasswordChecks checks;
    private final SecondFactorGate secondFactors;

    public Authentication(
            Accounts accounts,
            PasswordHasher hasher,
            Commands commands,
            CommandGateway gateway,
            RefreshTokens refreshTokens,
            LiveSessions sessions,
            TokenIssuer issuer,
            Clock clock,
            Duration sessionLifetime,
            PasswordChecks checks,
            SecondFactorGate secondFactors) {
        this.checks = checks;
        this.secondFactors = secondFactors;
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
    public Commands.Stored<TokenResponse> login(String login, String password, LoginChannel channel) {
        var loginKey = Accounts.loginKey(login);
        var account = accounts.byLoginKey(loginKey);
        var subject = account.map(a -> "user:" + a.userId()).orElseGet(() -> "name:" + OpaqueTokens.hashHex(loginKey));
        var hash = account.map(Account::passwordHash).orElse(null);
        if (!checks.matches(subject, account.map(Account::userId).orElse(null), channel, password, hash)) {
            throw invalidCredentials();
        }
        if (account.get().locked()) {
            // said only after the right password, so it tells nothing to someone guessing
            throw new IdentityException(ErrorCode.ACCOUNT_LOCKED, ErrorCode.ACCOUNT_LOCKED.title());
        }
        if (!account.get().active()) {
            throw new IdentityException(ErrorCode.ACCOUNT_DISABLED, ErrorCode.ACCOUNT_DISABLED.title());
        }
        var factors = secondFactors.factorsOf(account.get().userId());
        if (!factors.isEmpty()) {
            // the password was right: the sign-in goes on with a second factor (§13), and no session starts yet
            var token = commands.run(() -> secondFactors.challenge(account.get().userId(), SignInMethod.PASSWORD))
                    .result();
            throw IdentityException.mfaRequired(token, factors);
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
            gateway.sendAndWait(new StartSession(sessionId, account.get().userId(), SignInMethod.PASSWORD, expiresAt));
            return tokens(account.get(), sessionId, expiresAt, StartSession.amrOf(SignInMethod.PASSWORD));
        });
    }

    /**
     * Opens a session for an active account whose holder proved who they are another way (an OpenID Connect
     * provider, through a one-time code); {@code method} is recorded with the session.
     */
    public Commands.Stored<TokenResponse> signIn(Account account, SignInMethod method) {
        if (account.active()) {
            var factors = secondFactors.factorsOf(account.userId());
            if (!factors.isEmpty()) {
                // another provider's sign-in stands for the password, not for the second factor (§13)
                var token = commands.run(() -> secondFactors.challenge(account.userId(), method))
                        .result();
                throw IdentityException.mfaRequired(token, factors);
            }
        }
        return signIn(account, method, StartSession.amrOf(method));
    }

    /** As {@link #signIn(Account, SignInMethod)}, for a sign-in that proved more ({@code amr}, RFC 8176). */
    public Commands.Stored<TokenResponse> signIn(Account account, SignInMethod method, List<String> amr) {
        if (!account.active()) {
            throw new IdentityException(ErrorCode.ACCOUNT_DISABLED, ErrorCode.ACCOUNT_DISABLED.title());
        }
        var sessionId = UUID.randomUUID();
        var expiresAt = clock.instant().plus(sessionLifetime);
        RequestContext.actor(account.userId());
        return commands.run(() -> {
            gateway.sendAndWait(new StartSession(sessionId, account.userId(), method, expiresAt, amr));
            return tokens(account, sessionId, expiresAt, amr);
        });
    }

    /** Exchanges a refresh token for a new pair; a reused one ends its session. */
    public Commands.Stored<TokenResponse> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw invalidToken();
        }
        Commands.Stored<Object> stored = commands.run(() -> {
            var use = refreshTokens.consume(refreshToken);
            if (!(use instanceof RefreshTokens.Fresh fresh)) {
                return use;
            }
            // how the session was signed in, read with whether it is live: its tokens say so after every refresh
            var amr = sessions.amrOfLive(fresh.sessionId());
            if (amr.isEmpty()) {
                // the session ended: the token is spent all the same, and nothing is issued
                return use;
            }
            var account =
                    accounts.byId(fresh.userId()).filter(Account::active).orElseThrow(Authentication::invalidToken);
            return tokens(account, fresh.sessionId(), fresh.expiresAt(), amr.get());
        });
        if (stored.result() instanceof TokenResponse tokens) {
            return new Commands.Stored<>(tokens, stored.position());
        }
        if (stored.result() instanceof RefreshTokens.Reused reused) {
            commands.send(new EndSession(reused.sessionId(), reused.userId(), SessionEndReason.REFRESH_TOKEN_REUSED));
        }
        throw invalidToken();
    }

    public Commands.Stored<Object> end(UUID sessionId, UUID requestedBy, SessionEndReason reason) {
        return commands.send(new EndSession(sessionId, requestedBy, reason));
    }

    private TokenResponse tokens(Account account, UUID sessionId, Instant expiresAt, List<String> amr) {
        var refresh = refreshTokens.create(sessionId, account.userId(), expiresAt);
        var access = issuer.issue(account, sessionId, amr);
        var refreshSeconds =
                Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        return new TokenResponse(access, "Bearer", issuer.lifetime().toSeconds(), refresh, refreshSeconds, sessionId);
    }

    static IdentityException invalidCredentials() {
        return new IdentityException(ErrorCode.INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS.title());
    }

    static IdentityException invalidToken() {
        return new IdentityException(ErrorCode.INVALID_TOKEN, ErrorCode.INVALID_TOKEN.title());
    }
}
