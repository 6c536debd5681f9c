package io.identity.support.test;

import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The secrets every app started by a test runs with, in one place: both sides refuse to start without them. They
 * are as long and as random as production's must be, and known to every reader of this file, so test-only.
 */
public final class TestSecrets {

    public static final String PEPPER = "RpbasXf0pS84BhW9thqfEdOHdAjnQrvEoeFl/b0Ue460K/QYdDIMtkZH0CjjfwUX";
    public static final String TOKENS_MASTER_KEY = "4AVjl3f897k67u8taX9RUfiQevAHC1C8PJWVxOFpStd1g2/wq/m673iC/8vbFThI";
    public static final String PERSONAL_DATA_MASTER_KEY =
            "7hDDs/AGqCnaLFOfocb638P5K+pBAVq89YzqlOIwqzM5MWEyQGl1cl9k6vVf9w8j";

    /** Property name to value, for both sides (the query side reads only the personal-data key). */
    public static final Map<String, String> ALL = Map.of(
            "identity.pepper", PEPPER,
            "identity.tokens.master-key", TOKENS_MASTER_KEY,
            "identity.personal-data.master-key", PERSONAL_DATA_MASTER_KEY);

    private TestSecrets() {}

    /** For a {@code @DynamicPropertySource} of a {@code @SpringBootTest}. */
    public static void supply(DynamicPropertyRegistry registry) {
        ALL.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** As command-line arguments of an app started by hand ({@code --identity.pepper=…}). */
    public static List<String> arguments() {
        return ALL.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .sorted()
                .toList();
    }
}
