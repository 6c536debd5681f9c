package io.identity.support.test;

import java.util.Map;

/** Bodies of {@code POST /api/v1/registrations}, as the tests send them. */
public final class Registrations {

    private Registrations() {}

    /** A registration of {@code username} at {@code username@example.com} that also creates a company it owns. */
    public static Map<String, Object> withCompany(String username, String password, String company) {
        return Map.of(
                "username",
                username,
                "email",
                username + "@example.com",
                "password",
                password,
                "company",
                Map.of("name", company));
    }
}
