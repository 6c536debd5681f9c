package io.identity.command.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every mail template renders in every language we ship, with every text it names translated: a missing or
 * misspelt message key shows as {@code ??key??} in the mail, and a language file lacking a key the English one has
 * would silently fall back to English.
 */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates("Identity");

    @Test
    void everyTemplateRendersInEveryLanguageWithoutAMissingText() throws IOException {
        var names = new TreeSet<String>();
        for (var resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath:" + MailTemplates.LOCATION + "*.txt")) {
            names.add(resource.getFilename().replace(".txt", ""));
        }
        assertThat(names).contains("welcome", "company-member-invited", "company-member-joined", "verify-email");
        var model = new HashMap<String, String>();
        for (var key : new String[] {
            "name",
            "link",
            "company",
            "subject",
            "invitee",
            "actor",
            "role",
            "inviter",
            "expiresAt",
            "minutes",
            "newEmail",
            "provider",
            "providers"
        }) {
            model.put(key, "«" + key + "»");
        }
        // a word of the mail's own, not a value: the change of second factors it tells of
        model.put("change", "totp-enabled");
        for (var name : names) {
            for (var locale : MailLocales.SUPPORTED) {
                var rendered = templates.render(name, locale, model, Map.of());
                assertThat(rendered.subject())
                        .as("%s in %s", name, locale)
                        .isNotBlank()
                        .doesNotContain("??");
                assertThat(rendered.text())
                        .as("%s in %s", name, locale)
                        .doesNotContain("??")
                        .contains("Identity");
                assertThat(rendered.html()).as("%s in %s", name, locale).doesNotContain("??");
            }
        }
    }

    @Test
    void everyChangeOfSecondFactorsHasItsWordsInEveryLanguage() {
        for (var change : List.of(
                "totp-enabled",
                "totp-disabled",
                "recovery-codes",
                "recovery-code-used",
                "passkey-added",
                "passkey-removed")) {
            for (var locale : MailLocales.SUPPORTED) {
                var rendered = templates.render(
                        "second-factor-changed", locale, Map.of("name", "Ada", "change", change), Map.of());
                assertThat(rendered.text()).as("%s in %s", change, locale).doesNotContain("??");
                assertThat(rendered.html()).as("%s in %s", change, locale).doesNotContain("??");
            }
        }
    }

    @Test
    void theResetMailNamesTheLinkedProvidersOrSaysThereAreNone() {
        for (var locale : MailLocales.SUPPORTED) {
            var linked = templates.render(
                    "password-was-reset", locale, Map.of("name", "ada", "providers", "corp, social"), Map.of());
            assertThat(linked.text()).as(locale.toString()).contains("corp, social");
            assertThat(linked.html()).as(locale.toString()).contains("corp, social");
            var none = templates.render("password-was-reset", locale, Map.of("name", "ada", "providers", ""), Map.of());
            assertThat(none.text())
                    .as(locale.toString())
                    .isNotEqualTo(linked.text())
                    .doesNotContain("??");
        }
        assertThat(templates
                        .render("password-was-reset", Locale.ENGLISH, Map.of("name", "ada", "providers", ""), Map.of())
                        .text())
                .contains("No provider is linked");
    }

    @Test
    void everyLanguageHasEveryTextOfTheEnglishOne() throws IOException {
        var english = load("mail-messages.properties");
        for (var locale : MailLocales.SUPPORTED) {
            if (locale.equals(Locale.ENGLISH)) {
                continue;
            }
            var translated = load("mail-messages_" + locale.getLanguage() + ".properties");
            assertThat(translated.stringPropertyNames())
                    .as(locale.toString())
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        }
    }

    private static Properties load(String file) throws IOException {
        var properties = new Properties();
        try (var in = MailTemplatesTest.class.getClassLoader().getResourceAsStream(MailTemplates.LOCATION + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
