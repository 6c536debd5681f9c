package io.identity.command.user;

import io.identity.command.kernel.EmailAddresses;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup of accounts: unique username and email (case-insensitive) and the password hash.
 * Written only by {@link AccountsProjector}, in the transaction that appends the events.
 */
@Component
public class Accounts {

    private static final RowMapper<Account> ROW = (rs, i) -> new Account(
            rs.getObject("user_id", UUID.class),
            rs.getString("username"),
            rs.getString("email"),
            rs.getString("password_hash"),
            rs.getBoolean("email_verified"),
            rs.getString("status"),
            rs.getString("locale"),
            rs.getBoolean("notify_company"));

    private final JdbcTemplate jdbc;

    Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> byId(UUID userId) {
        return first(jdbc.query("SELECT * FROM accounts WHERE user_id = ?", ROW, userId));
    }

    /**
     * A login as typed, in the form it is looked up and counted under: an email (it has an {@code @}) by its
     * {@linkplain EmailAddresses#key key}, a username in its {@linkplain Usernames#normalize normal form}; "" for none.
     */
    public static String loginKey(String login) {
        if (login == null || login.isBlank()) {
            return "";
        }
        var trimmed = login.strip();
        return trimmed.contains("@") ? EmailAddresses.key(trimmed) : Usernames.normalize(trimmed);
    }

    /** The account a {@linkplain #loginKey login key} names, if any. */
    public Optional<Account> byLoginKey(String loginKey) {
        if (loginKey.isEmpty()) {
            return Optional.empty();
        }
        return loginKey.contains("@") ? byLogin(null, loginKey) : byLogin(loginKey, null);
    }

    /**
     * By username (already normalised) or, when the login holds an {@code @}, by email. A login with control
     * characters names no account (none can hold one), and PostgreSQL would refuse a NUL in a query anyway.
     */
    public Optional<Account> byLogin(String username, String email) {
        var login = email != null ? email : username;
        if (login == null || login.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        if (email != null) {
            return first(jdbc.query("SELECT * FROM accounts WHERE email_key = ?", ROW, EmailAddresses.key(email)));
        }
        return first(jdbc.query("SELECT * FROM accounts WHERE username = ?", ROW, username));
    }

    public boolean usernameTaken(String username) {
        return !jdbc.queryForList("SELECT 1 FROM accounts WHERE username = ?", username)
                .isEmpty();
    }

    public boolean emailTaken(String email) {
        return !jdbc.queryForList("SELECT 1 FROM accounts WHERE email_key = ?", EmailAddresses.key(email))
                .isEmpty();
    }

    private static Optional<Account> first(List<Account> rows) {
        return rows.stream().findFirst();
    }
}
