package io.identity.console;

/** The addresses the pages hand to the API, where a flow must come back to them. */
public record ConsoleLinks(String publicUrl) {

    /** Where a sign-in through a provider ends: the page that exchanges the one-time code. */
    public String signedInThroughProvider() {
        return publicUrl + "/oauth/complete";
    }

    /** Where linking a provider from the account console ends. */
    public String linkedProvider() {
        return publicUrl + "/account/identities";
    }
}
