package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import io.identity.support.test.TestOidc;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The hosted pages and both consoles in a headless browser (Chromium, or HtmlUnit where it is missing), against the
 * running system: every emailed link lands on a page that works, and people manage their account and company
 * without an API client.
 */
class ConsoleBrowserTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LINK =
            Pattern.compile("(https?://[^\\s\"<>]+/(verify-email|reset-password|invitations)" + "[^\\s\"<>]*)");

    private final RunningSystem system = RunningSystem.get();

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The link of the newest mail to an address whose subject starts so. */
    private String linkIn(String address, String subject) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(15),
                        () -> !Mails.to(system.mail, address, subject).isEmpty()))
                .as("a mail to %s", address)
                .isTrue();
        var mails = Mails.to(system.mail, address, subject);
        var matcher = LINK.matcher(Mails.text(mails.get(mails.size() - 1)));
        assertThat(matcher.find()).as("a link in the mail").isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    private void signIn(Browser browser, String login, String password) {
        browser.open("/login")
                .fill("Username or email", login)
                .fill("Password", password)
                .press("Sign in");
        assertThat(browser.textOf("h1", "Your profile"))
                .as(browser.path() + ": " + browser.text())
                .isEqualTo("Your profile");
    }

    private void register(String name, Map<String, Object> company) {
        var body = new HashMap<String, Object>(
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        if (company != null) {
            body.put("company", company);
        }
        assertThat(system.command.post("/api/v1/registrations", body).status()).isEqualTo(201);
    }

    @Test
    void signUpThenTheEmailLinkVerifiesTheAddress() {
        var name = unique("web");
        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/signup");
            browser.screenshot("signup");
            browser.fill("Username", name)
                    .fill("Email address", name + "@example.com")
                    .fill("Password", "short")
                    .press("Create account");
            assertThat(browser.textOf(".alert"))
                    .as("the API's refusal, readable")
                    .isNotBlank();
            assertThat(browser.textOf("#f-password-error"))
                    .as("next to its field")
                    .isNotBlank();
            assertThat(browser.driver.findElement(By.id("f-username")).getAttribute("value"))
                    .isEqualTo(name);

            browser.fill("Password", PASSWORD)
                    .fill("Display name", "Web Person")
                    .press("Create account");
            assertThat(browser.textOf(".notice")).contains("verify");
            browser.screenshot("login");

            browser.open(linkIn(name + "@example.com", "Confirm"));
            assertThat(browser.path())
                    .as("the token left the address bar at once")
                    .isEqualTo("/verify-email");
            browser.screenshot("verify-email");
            browser.press("Verify my address");
            assertThat(browser.textOf("h1", "Your email address is verified"))
                    .isEqualTo("Your email address is verified");

            signIn(browser, name, PASSWORD);
            assertThat(browser.text()).contains(name + "@example.com").contains("(verified)");
            browser.screenshot("account");
        }
    }

    @Test
    void forgotPasswordThenTheEmailLinkSetsANewOne() {
        var name = unique("forgot");
        register(name, null);
        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/login");
            browser.follow(browser.driver.findElement(By.linkText("Forgot your password?")));
            browser.screenshot("forgot-password");
            browser.fill("Email address", name + "@example.com").press("Send me the link");
            assertThat(browser.textOf("h1", "Check your email")).isEqualTo("Check your email");

            browser.open(linkIn(name + "@example.com", "Reset"));
            assertThat(browser.path()).isEqualTo("/reset-password");
            browser.screenshot("reset-password");
            browser.fill("New password (at least 10 characters)", "a whole new passphrase")
                    .press("Set the password");
            assertThat(browser.textOf(".notice")).contains("new password");
            signIn(browser, name, "a whole new passphrase");
        }
        assertThat(system.command
                        .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                        .status())
                .as("the old password is gone")
                .isEqualTo(401);
    }

    @Test
    void anInviteeJoinsAsANewUserAndTheOwnerManagesTheMembers() {
        var owner = unique("owner");
        register(owner, Map.of("name", "Web Engines"));
        var invitee = unique("guest") + "@example.org";
        String companyPath;
        try (var browser = new Browser(system.publicUrl)) {
            signIn(browser, owner, PASSWORD);
            browser.open("/account/companies");
            browser.follow(browser.driver.findElement(By.linkText("Web Engines")));
            companyPath = browser.path();
            browser.screenshot("company");
            browser.open(companyPath + "/invitations")
                    .fill("Email address", invitee)
                    .press("Send invitation");
            assertThat(browser.textOf(".notice")).contains("mailed");
            assertThat(browser.text()).doesNotContain("/invitations/");
            browser.screenshot("invitations");
        }

        var newcomer = unique("joined");
        try (var browser = new Browser(system.publicUrl)) {
            browser.open(linkIn(invitee, ""));
            assertThat(browser.textOf("h1", "Join Web Engines")).isEqualTo("Join Web Engines");
            assertThat(browser.path()).isEqualTo("/invitations/open");
            assertThat(browser.textOf("#invitation-status")).isEqualTo("Pending");
            browser.screenshot("invitation");
            browser.fill("Username", newcomer).fill("Password", PASSWORD).press("Create account and join");
            assertThat(browser.textOf(".notice")).contains("joined");
            signIn(browser, newcomer, PASSWORD);
        }

        try (var browser = new Browser(system.publicUrl)) {
            signIn(browser, owner, PASSWORD);
            browser.open(companyPath + "/members");
            var row = browser.find("tr[data-member='" + newcomer + "']");
            assertThat(row.getText())
                    .as("a role as people name it")
                    .contains("Member")
                    .doesNotContain("MEMBER");
            browser.screenshot("members");

            // the row found afresh: the page may have been replaced since the screenshot's resizing
            var current = browser.find("tr[data-member='" + newcomer + "']");
            new Select(current.findElement(By.tagName("select"))).selectByValue("ADMIN");
            browser.follow(current.findElement(By.xpath(".//button[normalize-space(.)='Change role']")));
            assertThat(browser.textOf(".notice")).isEqualTo("The role is changed.");
            assertThat(browser.find("tr[data-member='" + newcomer + "']").getText())
                    .contains("Admin");

            browser.follow(browser.find("tr[data-member='" + newcomer + "']")
                    .findElement(By.xpath(".//button[normalize-space(.)='Remove']")));
            assertThat(browser.textOf(".notice")).isEqualTo("The member is removed.");
            assertThat(browser.driver.findElements(By.cssSelector("tr[data-member='" + newcomer + "']")))
                    .isEmpty();

            browser.open(companyPath + "/audit");
            assertThat(browser.text()).contains("Member removed").contains("Member role changed");
            browser.screenshot("audit");
        }
    }

    @Test
    void aPersonSignsInThroughAProviderAndSeesTheLinkedAccount() {
        var email = unique("provider") + "@example.org";
        TestOidc.nextPerson(
                "test",
                "web-" + UUID.randomUUID(),
                Map.of("email", email, "email_verified", true, "name", "Provider Person"));
        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/login");
            browser.follow(browser.driver.findElement(By.linkText("Continue with Test")));
            assertThat(browser.textOf("h1", "Your profile")).as(browser.path()).isEqualTo("Your profile");
            assertThat(browser.text()).contains(email).contains("(verified)");
            browser.open("/account/identities");
            assertThat(browser.text()).contains("Test").contains(email);
            browser.screenshot("identities");
        }
    }

    /**
     * A provider on another site than the pages (127.0.0.1, the pages at localhost) sends the browser back with a
     * cross-site navigation: the CSRF cookie that the flow's state must meet has to come along (SameSite=Lax), or
     * nobody could finish a provider sign-in from the console.
     */
    @Test
    void aSignInThroughAProviderOnAnotherSiteEndsSignedIn() {
        assertThat(URI.create(RunningSystem.ELSEWHERE).getHost()).isEqualTo("127.0.0.1");
        assertThat(URI.create(system.publicUrl).getHost()).isEqualTo("localhost");
        var email = unique("cross") + "@example.org";
        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/login");
            browser.follow(browser.driver.findElement(By.linkText("Continue with Elsewhere ID")));
            assertThat(browser.driver.getCurrentUrl())
                    .as("at the provider's own sign-in page")
                    .startsWith(RunningSystem.ELSEWHERE);
            browser.driver.findElement(By.name("username")).sendKeys("cross-" + UUID.randomUUID());
            browser.driver
                    .findElement(By.name("claims"))
                    .sendKeys("{\"email\": \"" + email + "\", \"email_verified\": true, \"name\": \"Cross Site\"}");
            browser.follow(browser.driver.findElement(By.cssSelector("input[type=submit]")));
            assertThat(browser.textOf("h1", "Your profile"))
                    .as(browser.path() + ": " + browser.text())
                    .isEqualTo("Your profile");
            assertThat(browser.text()).contains(email);
        }
    }

    private static Browser currentPasswordFor(Browser browser, String provider, String password) {
        var field = browser.find("#f-current-" + provider);
        field.clear();
        field.sendKeys(password);
        return browser;
    }

    @Test
    void aUserLinksAProviderConfirmingWithTheirPassword() {
        var name = unique("linking");
        register(name, null);
        var elsewhere = unique("elsewhere") + "@example.org";
        TestOidc.nextPerson("test", "link-" + UUID.randomUUID(), Map.of("email", elsewhere, "email_verified", true));
        try (var browser = new Browser(system.publicUrl)) {
            signIn(browser, name, PASSWORD);
            browser.open("/account/identities");
            // one form per provider, each with its own "Current password": the one of the form for "test"
            currentPasswordFor(browser, "test", "not the password").press("Link Test");
            assertThat(browser.textOf(".alert")).as(browser.text()).isNotBlank();
            assertThat(browser.driver.findElements(By.id("continue"))).isEmpty();
            currentPasswordFor(browser, "test", PASSWORD).press("Link Test");
            browser.follow(browser.find("#continue"));
            assertThat(browser.textOf(".notice", "The provider account is linked."))
                    .as(browser.path())
                    .isEqualTo("The provider account is linked.");
            assertThat(browser.path()).isEqualTo("/account/identities?done=linked");
            assertThat(browser.text()).contains(elsewhere);
            browser.open("/account/identities?link_code=pushed-from-elsewhere&state=test:forged");
            assertThat(browser.textOf(".alert")).contains("this page did not start that link");
        }
    }

    @Test
    void aUserSignsOutAnotherDevice() {
        var name = unique("devices");
        register(name, null);
        var elsewhere = system.command.post(
                "/api/v1/auth/login", Map.of("login", name, "password", PASSWORD), "User-Agent", "Other Device/1.0");
        var otherRefresh = elsewhere.json().path("refresh_token").asString();
        try (var browser = new Browser(system.publicUrl)) {
            signIn(browser, name, PASSWORD);
            browser.open("/account/sessions");
            browser.screenshot("sessions");
            var other = browser.find(
                    "tr[data-session='" + elsewhere.json().path("session_id").asString() + "']");
            assertThat(other.getText()).contains("Other Device/1.0");
            browser.follow(other.findElement(By.xpath(".//button[normalize-space(.)='Sign out this device']")));
            assertThat(browser.textOf(".notice")).isEqualTo("That device is signed out.");
            assertThat(browser.text()).doesNotContain("Other Device/1.0").contains("This device");
        }
        assertThat(system.command
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", otherRefresh))
                        .status())
                .as("the other device's session is over")
                .isEqualTo(401);
    }

    @Test
    void aPersonWhoseAddressIsNotVerifiedGetsAnotherVerificationMailFromTheirProfile() {
        var name = unique("resend");
        register(name, null);
        var address = name + "@example.com";
        assertThat(Eventually.within(
                        Duration.ofSeconds(15),
                        () -> Mails.to(system.mail, address, "Confirm").size() == 1))
                .as("the mail of the registration")
                .isTrue();
        try (var browser = new Browser(system.publicUrl)) {
            signIn(browser, name, PASSWORD);
            assertThat(browser.textOf("#email-status")).isEqualTo("(not verified yet)");
            browser.press("Resend the verification mail");
            assertThat(browser.textOf(".notice")).contains("new link");
            assertThat(browser.path()).isEqualTo("/account?done=verification-sent");
            assertThat(Eventually.within(
                            Duration.ofSeconds(15),
                            () -> Mails.to(system.mail, address, "Confirm").size() == 2))
                    .as("a second verification mail")
                    .isTrue();

            browser.open(linkIn(address, "Confirm")).press("Verify my address");
            assertThat(browser.textOf("h1", "Your email address is verified"))
                    .isEqualTo("Your email address is verified");
            browser.open("/account");
            assertThat(browser.textOf("#email-status")).isEqualTo("(verified)");
            assertThat(browser.driver.findElements(
                            By.xpath("//button[normalize-space(.)='Resend the verification mail']")))
                    .as("nothing left to verify")
                    .isEmpty();
        }
    }

    /** Every page at a phone's size: nothing wider than the screen, so nothing scrolls sideways but tables. */
    @Test
    void everyPageFitsAPhone() {
        var owner = unique("phone");
        var companyId = system.command
                .post(
                        "/api/v1/registrations",
                        Registrations.withCompany(
                                owner, PASSWORD, "Phone Engines with a rather long company name " + owner))
                .json()
                .path("companyId")
                .asString();
        var auth = "Bearer "
                + system.command
                        .post("/api/v1/auth/login", Map.of("login", owner, "password", PASSWORD))
                        .json()
                        .path("access_token")
                        .asString();
        var member = unique("phoned");
        var joined = unique("phonejoin") + "@example.org";
        system.command.post(
                "/api/v1/companies/" + companyId + "/invitations", Map.of("email", joined), "Authorization", auth);
        assertThat(system.command
                        .post(
                                "/api/v1/invitations/accept-new",
                                Map.of(
                                        "token",
                                        Mails.invitationToken(system.mail, joined),
                                        "username",
                                        member,
                                        "password",
                                        PASSWORD))
                        .status())
                .isEqualTo(201);
        var pending = unique("phonepending") + "-with-a-long-address@example.org";
        system.command.post(
                "/api/v1/companies/" + companyId + "/invitations", Map.of("email", pending), "Authorization", auth);
        var company = "/companies/" + companyId;

        try (var browser = new Browser(system.publicUrl)) {
            browser.phone();
            for (var page : new String[] {"/login", "/signup", "/forgot-password"}) {
                fitsThePhone(browser.open(page), page);
            }
            fitsThePhone(browser.open(linkIn(pending, "")), "invitation");
            signIn(browser, owner, PASSWORD);
            for (var page : new String[] {
                "/account",
                "/account/security",
                "/account/sessions",
                "/account/identities",
                "/account/log",
                "/account/companies",
                "/account/close",
                company,
                company + "/members",
                company + "/invitations",
                company + "/audit"
            }) {
                fitsThePhone(browser.open(page), page);
            }
        }
    }

    private static void fitsThePhone(Browser browser, String page) {
        browser.find("h1");
        browser.screenshot(Path.of(
                "target",
                "surefire-reports",
                "screenshots",
                "phone",
                page.replaceFirst("^/", "")
                                .replaceFirst("companies/[^/]+", "company")
                                .replaceAll("[^A-Za-z0-9]+", "-") + ".png"));
        if (Browser.chromium()) {
            // HtmlUnit lays nothing out: only Chromium knows how wide the page and its table cells are
            assertThat(browser.overflow())
                    .as(page + " scrolls sideways at 375 px")
                    .isLessThanOrEqualTo(0);
            var narrowest = ((Number)
                            ((JavascriptExecutor) browser.driver)
                                    .executeScript(
                                            "return Math.min(1000, ...Array.from(document.querySelectorAll('td'))"
                                                    + ".filter(td => td.offsetParent !== null).map(td => td.getBoundingClientRect().width));"))
                    .doubleValue();
            assertThat(narrowest)
                    .as(page + ": a table's values are readable at 375 px, not a letter a line")
                    .isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void theCurrentPageIsMarkedAndProvidersAreNamed() {
        var name = unique("marks");
        register(name, null);
        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/login");
            var provider = browser.find("a[href*='/api/v1/auth/oauth/test/authorize']");
            assertThat(provider.getText()).isEqualTo("Continue with Test");
            if (Browser.chromium()) {
                assertThat(provider.findElement(By.xpath("./..")).getCssValue("list-style-type"))
                        .as("no bullet")
                        .isEqualTo("none");
            }
            signIn(browser, name, PASSWORD);
            browser.open("/account/security");
            var current = browser.find("nav a[aria-current='page']");
            assertThat(current.getText()).isEqualTo("Security");
            assertThat(browser.driver.findElements(By.cssSelector("nav a[aria-current]")))
                    .hasSize(1);
            if (Browser.chromium()) {
                var other = browser.driver.findElement(By.linkText("Sessions"));
                assertThat(current.getCssValue("font-weight"))
                        .as("visibly marked")
                        .isNotEqualTo(other.getCssValue("font-weight"));
            }
        }
    }
}
