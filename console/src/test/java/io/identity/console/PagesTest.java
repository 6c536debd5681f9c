package io.identity.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.crypto.MasterKey;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The pages as rendered: what they say and link to, from the model alone, without an API behind them. */
class PagesTest {

    private static final String INBOX = "http://127.0.0.1:8025/";

    private static ConsoleSettings settings(String mailInboxUrl) {
        return new ConsoleSettings(null, null, null, null, mailInboxUrl);
    }

    private static String render(ConsoleSettings settings, String template, Map<String, Object> model) {
        var visit = new Visit(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(),
                new MasterKey("a master key for the pages' test only"), JsonMapper.builder().build(), false);
        return new Pages(settings).render(template, model, visit).getBody();
    }

    private static String login(ConsoleSettings settings, String done) {
        return render(settings, "login", new HashMap<>(Map.of("done", done, "providers", List.of())));
    }

    @Test
    void thePagesThatSayAMailIsOnItsWayLinkToTheInboxWhenOneIsSet() {
        var withInbox = settings(INBOX);
        assertThat(login(withInbox, "registered")).contains("<a id=\"mail-inbox\" href=\"" + INBOX + "\"");
        assertThat(render(withInbox, "message", Map.of("title", "forgot.sent.title", "text", "forgot.sent.text")))
                .contains("Check your email").contains("href=\"" + INBOX + "\"");

        assertThat(login(withInbox, "signed-out")).as("no mail on its way").doesNotContain("mail-inbox")
                .doesNotContain(INBOX);
        assertThat(render(withInbox, "message", Map.of("title", "verify.done.title", "text", "verify.done.text")))
                .doesNotContain(INBOX);
        assertThat(login(settings(null), "registered")).as("mail goes to real mailboxes").contains("verify")
                .doesNotContain("mail-inbox");
        assertThat(login(settings("  "), "registered")).doesNotContain("mail-inbox");
    }

    @Test
    void anInboxAddressThatIsNoWebAddressStopsTheStart() {
        assertThatThrownBy(() -> settings("javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity.console.mail-inbox-url");
        assertThatThrownBy(() -> settings("127.0.0.1:8025")).isInstanceOf(IllegalArgumentException.class);
        assertThat(settings(" http://127.0.0.1:8025/ ").mailInboxUrl()).isEqualTo(INBOX);
    }

    @Test
    void theSettingsOfferEveryTimeZoneAndTheLanguagesTheServiceTakes() {
        assertThat(SettingChoices.TIME_ZONES).contains("Europe/Paris", "America/New_York", "UTC").isSorted();
        var tags = SettingChoices.LANGUAGES.stream().map(language -> language.get("tag")).toList();
        assertThat(tags).contains("en", "en-GB", "de-CH", "fr").isSorted().doesNotHaveDuplicates();
        assertThat(tags).allSatisfy(tag -> assertThat(Locale.forLanguageTag(tag).toLanguageTag()).isEqualTo(tag));
        assertThat(SettingChoices.LANGUAGES).contains(Map.of("tag", "de-CH", "name", "German (Switzerland)"));
    }
}
