package io.identity.command.oauth;

/**
 * What a provider says of the person, once its id_token was checked. {@code emailVerified}: the address counts
 * as verified here, because the provider says it verified it ({@code email_verified}) and is configured to be
 * trusted for that ({@code trust-email}); an address that does not count is never an account's own.
 */
record ProviderPerson(String subject, String email, boolean emailVerified, String name, String preferredUsername) {
    @Override
    public String toString() {
        return "ProviderPerson[]";
    }
}
