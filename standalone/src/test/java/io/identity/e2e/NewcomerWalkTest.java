package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's walk, as a newcomer takes it in the browser: sign up in the console, read the verification mail in
 * the mail inbox the console links to and follow its link, sign in, make a company, invite a second address, and
 * from that address's mail in the same inbox join as a new user; then both see the two members. The mails are read
 * only through the inbox's pages, as a person reads them.
 */
class NewcomerWalkTest {

    private static final String PASSWORD = "correct horse battery";

    private final RunningSystem system = RunningSystem.get();

    @Test
    void fromSignUpToASecondMemberWithTheMailsReadInTheInbox() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var founder = "ada" + suffix;
        var founderAddress = founder + "@example.com";
        var company = "Analytical Engines " + suffix;
        var invitee = "charles" + suffix + "@example.org";
        var newcomer = "charles" + suffix;

        try (var browser = new Browser(system.publicUrl)) {
            // 1. sign up, then to the inbox by the link the page shows
            browser.open("/");
            browser.follow(browser.driver.findElement(By.linkText("Create an account")));
            browser.fill("Username", founder)
                    .fill("Email address", founderAddress)
                    .fill("Password", PASSWORD)
                    .fill("Display name", "Ada")
                    .press("Create account");
            assertThat(browser.textOf(".notice")).contains("verify your email address");
            browser.follow(browser.find("a#mail-inbox"));
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(system.inbox.url());

            // 2. the verification mail, its link, the page's button
            openMail(browser, founderAddress, "Confirm your email address");
            browser.follow(browser.find("pre a[href*='/verify-email?token=']"));
            assertThat(browser.path()).isEqualTo("/verify-email");
            browser.press("Verify my address");
            assertThat(browser.textOf("h1", "Your email address is verified"))
                    .isEqualTo("Your email address is verified");

            // 3. sign in, make a company
            browser.follow(browser.driver.findElement(By.linkText("Continue")));
            browser.fill("Username or email", founder)
                    .fill("Password", PASSWORD)
                    .press("Sign in");
            assertThat(browser.textOf("h1", "Your profile")).isEqualTo("Your profile");
            assertThat(browser.textOf("#email-status")).isEqualTo("(verified)");
            browser.follow(browser.driver.findElement(By.linkText("Companies")));
            browser.fill("Company name", company)
                    .fill("What the company does", "Engines that compute")
                    .press("Create");
            assertThat(browser.textOf("h1", company)).isEqualTo(company);
            assertThat(browser.textOf("#member-count")).isEqualTo("1 member");
            assertThat(browser.textOf("#your-role")).isEqualTo("Your role: Owner");
            var companyPath = browser.path();

            // 4. invite a second address; its mail is in the same inbox
            browser.follow(browser.driver.findElement(By.linkText("Invitations")));
            browser.fill("Email address", invitee).press("Send invitation");
            assertThat(browser.textOf(".notice")).contains("mailed");
            assertThat(browser.find("tr[data-invitation='" + invitee + "']").getText())
                    .contains("Member")
                    .contains("Pending");
            browser.follow(browser.find("a#mail-inbox"));
            openMail(browser, invitee, "You are invited to join " + company);

            // 5. the invitee, in a browser of their own, opens the inbox, follows the link and joins as a new user
            try (var theirs = new Browser(system.publicUrl)) {
                theirs.open(system.inbox.url());
                openMail(theirs, invitee, "You are invited to join " + company);
                theirs.follow(theirs.find("pre a[href*='/invitations/']"));
                assertThat(theirs.textOf("h1", "Join " + company)).isEqualTo("Join " + company);
                assertThat(theirs.text()).contains("Ada").contains(invitee).contains("Member");
                theirs.fill("Username", newcomer)
                        .fill("Password", PASSWORD)
                        .fill("Display name", "Charles")
                        .press("Create account and join");
                assertThat(theirs.textOf(".notice")).contains("you joined the company");
                theirs.fill("Username or email", newcomer)
                        .fill("Password", PASSWORD)
                        .press("Sign in");
                assertThat(theirs.textOf("h1", "Your profile")).isEqualTo("Your profile");
                assertThat(theirs.textOf("#email-status"))
                        .as("the invitation's link proved the address")
                        .isEqualTo("(verified)");
                theirs.follow(theirs.driver.findElement(By.linkText("Companies")));
                theirs.follow(theirs.driver.findElement(By.linkText(company)));
                assertThat(theirs.textOf("#your-role")).isEqualTo("Your role: Member");
                theirs.follow(theirs.driver.findElement(By.linkText("Members")));
                assertThat(theirs.find("tr[data-member='" + founder + "']").getText())
                        .contains("Owner");
                assertThat(theirs.find("tr[data-member='" + newcomer + "']").getText())
                        .contains("Member");
            }

            // 6. the founder's company console lists both (reloaded until the newcomer's joining shows)
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .pollingEvery(Duration.ofMillis(500))
                    .until(driver -> {
                        browser.open(companyPath + "/members");
                        return "2 members".equals(browser.textOf("#member-count"));
                    });
            assertThat(browser.find("tr[data-member='" + founder + "']").getText())
                    .contains("Ada")
                    .contains("Owner");
            assertThat(browser.find("tr[data-member='" + newcomer + "']").getText())
                    .contains("Charles")
                    .contains("Member");
            browser.open(companyPath + "/invitations");
            assertThat(browser.find("tr[data-invitation='" + invitee + "']").getText())
                    .contains("Accepted");
        }
    }

    /**
     * In the inbox, the newest mail to the address whose subject starts so, opened; the inbox is reloaded while the
     * mail is still on its way, as a person would.
     */
    private static void openMail(Browser browser, String address, String subject) {
        var mail = By.xpath(
                "//tr[td[1][contains(., '" + address + "')]]//a[starts-with(normalize-space(.), '" + subject + "')]");
        WebElement found = new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .pollingEvery(Duration.ofMillis(500))
                .until(driver -> {
                    var rows = driver.findElements(mail);
                    if (rows.isEmpty()) {
                        driver.navigate().refresh();
                        return null;
                    }
                    return rows.get(0);
                });
        browser.follow(found);
        assertThat(browser.textOf("h1")).startsWith(subject);
        assertThat(browser.text()).contains(address);
    }
}
