package io.identity.support.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The secrets a side cannot run without, checked before any bean is made: a side given none, a placeholder or a
 * short one refuses to start, naming every secret that is missing or unfit in one message (there is no built-in
 * value to fall back on, since a value in the source code is known to everyone).
 * <p>
 * A secret must carry at least 32 random bytes. Accepted: 64 or more hex digits ({@code openssl rand -hex 32});
 * base64 or base64url, padded or not, of 32 or more bytes ({@code openssl rand -base64 48}); or any other text of
 * at least 64 characters (a long passphrase). Refused, however long: the old built-in development values, text
 * holding a placeholder word ({@code change-me}, {@code replace-me}, {@code development}, {@code placeholder},
 * {@code example}, {@code insecure}), and text of fewer than 10 different characters. The value is used as
 * written (its text is hashed into the key), so nothing is decoded and every form works alike.
 */
public final class Secrets {

    public static final String PEPPER = "identity.pepper";
    public static final String TOKENS_MASTER_KEY = "identity.tokens.master-key";
    public static final String PERSONAL_DATA_MASTER_KEY = "identity.personal-data.master-key";

    /**
     * The property source the standalone hands its own secrets to both apps in. Only it may still give the
     * {@link #LEGACY_VALUES}, for a data directory made before secrets were required, whose passwords and sealed
     * keys need them; no configuration file, argument or environment variable can make a source of this name.
     */
    public static final String STANDALONE_SOURCE = "identity-standalone-secrets";
    /** The built-in values every installation used before secrets were required: refused anywhere else. */
    public static final Map<String, String> LEGACY_VALUES = Map.of(
            PEPPER, "development-only-secret-change-me",
            TOKENS_MASTER_KEY, "development-only-secret-change-me",
            PERSONAL_DATA_MASTER_KEY, "development-only-personal-data-secret-change-me");

    static final int MIN_BYTES = 32;
    static final int MIN_PASSPHRASE = 64;
    private static final int MIN_DISTINCT = 10;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
    private static final Pattern PLACEHOLDER =
            Pattern.compile("change[-_ .]?me|replace[-_ .]?me|development|placeholder|example|insecure");
    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private Secrets() {}

    /** A check, run before any bean is made, that the environment holds every one of these secrets, fit for use. */
    public static BeanFactoryPostProcessor required(Environment environment, String... names) {
        return beanFactory -> require(environment, List.of(names));
    }

    /** Throws {@link MissingSecretsException} naming every secret of {@code names} that is missing or unfit. */
    public static void require(Environment environment, List<String> names) {
        var problems = new ArrayList<String>();
        for (var name : names) {
            var value = environment.getProperty(name);
            if (value != null && value.equals(LEGACY_VALUES.get(name)) && fromStandalone(environment, name, value)) {
                log.warn("{} is the old development value, kept for the standalone's data made with it", name);
                continue;
            }
            var reason = unfit(value);
            if (reason != null) {
                problems.add(name + " (" + environmentName(name) + ") " + reason);
            }
        }
        if (!problems.isEmpty()) {
            throw new MissingSecretsException(problems);
        }
    }

    /** Why the value cannot be a secret, or null when it can. */
    static String unfit(String value) {
        if (value == null || value.isBlank()) {
            return "is not set";
        }
        var text = value.strip();
        if (LEGACY_VALUES.containsValue(text)
                || PLACEHOLDER.matcher(text.toLowerCase(Locale.ROOT)).find()) {
            return "is a placeholder, not a secret";
        }
        if (text.chars().distinct().count() < MIN_DISTINCT) {
            return "is not random: too few different characters";
        }
        if (bytes(text) < MIN_BYTES && text.length() < MIN_PASSPHRASE) {
            return "is too short: it must carry at least " + MIN_BYTES + " random bytes (64 hex digits, 44 base64"
                    + " characters, or a passphrase of " + MIN_PASSPHRASE + " characters)";
        }
        return null;
    }

    /** How many bytes the text encodes as hex or as base64, or 0 when it is neither. */
    private static int bytes(String text) {
        if (HEX.matcher(text).matches()) {
            return text.length() / 2;
        }
        if (BASE64.matcher(text).matches()) {
            var unpadded = text.replace("=", "");
            try {
                var decoder = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0
                        ? Base64.getUrlDecoder()
                        : Base64.getDecoder();
                return decoder.decode(unpadded).length;
            } catch (IllegalArgumentException notBase64) {
                return 0;
            }
        }
        return 0;
    }

    /** The environment variable that sets the property, as the start-up message names it. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static boolean fromStandalone(Environment environment, String name, String value) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return false;
        }
        PropertySource<?> source = configurable.getPropertySources().get(STANDALONE_SOURCE);
        return source != null && value.equals(source.getProperty(name));
    }
}
