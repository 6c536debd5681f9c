package io.identity.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.crypto.MasterKey;
import jakarta.servlet.http.Cookie;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
        var visit = new Visit(
                new MockHttpServletRequest("GET", "/"),
                new MockHttpServletResponse(),
                new MasterKey("a master key for the pages' test only"),
                JsonMapper.builder().build(),
                false);
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
                .contains("Check your email")
                .contains("href=\"" + INBOX + "\"");

        assertThat(login(withInbox, "signed-out"))
                .as("no mail on its way")
                .doesNotContain("mail-inbox")
                .doesNotContain(INBOX);
        assertThat(render(withInbox, "message", Map.of("title", "verify.done.title", "text", "verify.done.text")))
                .doesNotContain(INBOX);
        assertThat(login(settings(null), "registered"))
                .as("mail goes to real mailboxes")
                .contains("verify")
                .doesNotContain("mail-inbox");
        assertThat(login(settings("  "), "registered")).doesNotContain("mail-inbox");
    }

    @Test
    void anInboxAddressThatIsNoWebAddressStopsTheStart() {
        assertThatThrownBy(() -> settings("javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity.console.mail-inbox-url");
        assertThatThrownBy(() -> settings("127.0.0.1:8025")).isInstanceOf(IllegalArgumentException.class);
        assertThat(settings(" http://127.0.0.1:8025/ ").mailInboxUrl()).isEqualTo(INBOX);
    }

    private static String members(int count, String role) {
        var company = Map.<String, Object>of("companyId", "c1", "name", "Engines", "memberCount", count);
        var model = new HashMap<String, Object>(Map.of(
                "company",
                company,
                "role",
                role,
                "manager",
                false,
                "me",
                Map.of("userId", "u1"),
                "members",
                List.of(Map.of(
                        "userId",
                        "u1",
                        "username",
                        "ada",
                        "displayName",
                        "Ada",
                        "email",
                        "ada@example.com",
                        "role",
                        "ADMIN",
                        "joinedAt",
                        "2026-12-01T00:00:00Z")),
                "q",
                "",
                "filterRole",
                "",
                "done",
                ""));
        return render(settings(null), "members", model);
    }

    @Test
    void aCompanyPageCountsItsMembersInWordsAndNamesRolesAsPeopleDo() {
        assertThat(members(1, "OWNER"))
                .contains(">1 member<")
                .contains(">Your role: Owner<")
                .doesNotContain("OWNER<")
                .contains(">Admin</td>")
                .contains("<option value=\"MEMBER\">Member</option>");
        assertThat(members(2, "MEMBER")).contains(">2 members<").contains(">Your role: Member<");
        assertThat(members(1200, "ADMIN")).contains(">1,200 members<");
    }

    @Test
    void theNavigationMarksTheCurrentPage() {
        var company = Map.<String, Object>of("companyId", "c1", "name", "Engines", "memberCount", 1);
        var model = new HashMap<String, Object>(Map.of(
                "company",
                company,
                "role",
                "OWNER",
                "manager",
                true,
                "me",
                Map.of("userId", "u1"),
                "members",
                List.of(),
                "q",
                "",
                "filterRole",
                "",
                "done",
                ""));
        var visit = new Visit(
                signedIn(),
                new MockHttpServletResponse(),
                new MasterKey("a master key for the pages' test only"),
                JsonMapper.builder().build(),
                false);
        var page = new Pages(settings(null)).render("members", model, visit).getBody();
        assertThat(page)
                .contains("href=\"/companies/c1/members\" aria-current=\"page\"")
                .contains("href=\"/account/companies\" aria-current=\"true\"")
                .doesNotContain("href=\"/companies/c1\" aria-current")
                .doesNotContain("href=\"/account\" aria-current");
    }

    /** A request whose session cookie opens, so that the layout shows the navigation. */
    private static MockHttpServletRequest signedIn() {
        var key = new MasterKey("a master key for the pages' test only");
        var json = JsonMapper.builder().build();
        var response = new MockHttpServletResponse();
        new Visit(new MockHttpServletRequest(), response, key, json, false)
                .signIn(new ConsoleSession("access", "refresh", "s1", null));
        var cookie = response.getHeader("Set-Cookie");
        var request = new MockHttpServletRequest("GET", "/companies/c1/members");
        request.setCookies(
                new Cookie(Visit.SESSION_COOKIE, cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'))));
        return request;
    }

    @Test
    void theSettingsOfferEveryTimeZoneAndTheLanguagesTheServiceTakes() {
        assertThat(SettingChoices.TIME_ZONES)
                .contains("Europe/Paris", "America/New_York", "UTC")
                .isSorted();
        var tags = SettingChoices.LANGUAGES.stream()
                .map(language -> language.get("tag"))
                .toList();
        assertThat(tags).contains("en", "en-GB", "de-CH", "fr").isSorted().doesNotHaveDuplicates();
        assertThat(tags)
                .allSatisfy(tag ->
                        assertThat(Locale.forLanguageTag(tag).toLanguageTag()).isEqualTo(tag));
        assertThat(SettingChoices.LANGUAGES).contains(Map.of("tag", "de-CH", "name", "German (Switzerland)"));
    }

    @Test
    void aPageIsInTheBrowsersFirstTranslatedLanguageElseEnglish() {
        assertThat(PageLanguages.of("de-CH, de;q=0.9, en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(PageLanguages.of("fr-FR, de;q=0.8, en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(PageLanguages.of("en-GB,en;q=0.9,de;q=0.8")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguages.of("fr, ja")).as("no translation").isEqualTo(Locale.ENGLISH);
        for (var odd : new String[] {null, "", "*", ";;;q=x", "de;q=2", "x".repeat(600)}) {
            assertThat(PageLanguages.of(odd)).as(String.valueOf(odd)).isIn(Locale.ENGLISH, Locale.GERMAN);
        }
        assertThat(PageLanguages.of(";;;q=x")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void everyTranslationHasEveryTextWithTheSamePlaceholders() throws Exception {
        var english = bundle("console/messages.properties");
        for (var language : PageLanguages.TRANSLATED.subList(1, PageLanguages.TRANSLATED.size())) {
            var translated = bundle("console/messages_" + language.getLanguage() + ".properties");
            assertThat(translated.stringPropertyNames())
                    .as(language.toString())
                    .isEqualTo(english.stringPropertyNames());
            for (var key : english.stringPropertyNames()) {
                assertThat(placeholders(translated.getProperty(key)))
                        .as(language + " " + key)
                        .isEqualTo(placeholders(english.getProperty(key)));
            }
        }
    }

    private static Properties bundle(String path) throws Exception {
        var properties = new Properties();
        try (var in = PagesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> placeholders(String text) {
        var found = new TreeSet<String>();
        var matcher = Pattern.compile("\\{\\d+}").matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    @Test
    void aProviderIsNamedByItsDisplayNameElseWithACapital() {
        var listed = new Api.Answer(
                200,
                JsonMapper.builder()
                        .build()
                        .readTree("{\"items\":[{\"id\":\"upstream\",\"displayName\":\"Engines Login\"},"
                                + "{\"id\":\"google\",\"displayName\":\"\"}]}"),
                null,
                "application/json",
                null,
                null);
        var names = new ProviderNames(listed);
        assertThat(names.of("upstream")).isEqualTo("Engines Login");
        assertThat(names.of("google")).isEqualTo("Google");
        assertThat(names.of("gone")).as("no longer configured").isEqualTo("Gone");
        assertThat(names.of("")).isEmpty();
        var unavailable = new ProviderNames(new Api.Answer(503, null, null, null, null, null));
        assertThat(unavailable.of("upstream")).isEqualTo("Upstream");
    }

    @Test
    void timesAndTheApisNamesReadAsWords() {
        assertThat(members(1, "OWNER"))
                .as("a member's joining time")
                .contains("1 Dec 2026, 00:00 UTC")
                .doesNotContain("2026-12-01T00:00:00Z");
        assertThat(Shown.in(Locale.GERMAN).time("2026-03-07T16:43:49.123Z")).isEqualTo("7 März 2026, 16:43 UTC");
        var shown = Shown.INSTANCE;
        assertThat(shown.time("2026-12-07T16:43:49.123Z")).isEqualTo("7 Dec 2026, 16:43 UTC");
        assertThat(shown.time("not a time")).isEqualTo("not a time");
        assertThat(shown.time(null)).isEmpty();
        assertThat(shown.words("PENDING")).isEqualTo("Pending");
        assertThat(shown.words("EMAIL_LINK")).isEqualTo("Email link");
        assertThat(shown.words("MemberJoined")).isEqualTo("Member joined");
        assertThat(shown.words("")).isEmpty();
    }
}
