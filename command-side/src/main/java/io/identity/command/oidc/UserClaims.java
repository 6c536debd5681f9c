package io.identity.command.oidc;

import io.identity.command.company.CompanyMembers;
import io.identity.command.user.Account;
import io.identity.command.user.ProfileLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What id tokens and userinfo tell an application of a person, by the scopes the person granted it (OpenID Connect
 * Core §5.4): {@code email} gives {@code email} and {@code email_verified}; {@code profile} gives
 * {@code preferred_username} and, where the person filled them in, {@code name}, {@code given_name},
 * {@code family_name}, {@code picture}, {@code locale}, {@code zoneinfo}, and {@code updated_at}; {@code companies}
 * gives {@code companies: [{id, name, role}]}. Nothing else of theirs is ever told.
 */
final class UserClaims {

    private final ProfileLookup profiles;
    private final CompanyMembers members;

    UserClaims(ProfileLookup profiles, CompanyMembers members) {
        this.profiles = profiles;
        this.members = members;
    }

    Map<String, Object> of(Account account, Set<String> scopes) {
        var claims = new LinkedHashMap<String, Object>();
        if (scopes.contains("email") && account.email() != null) {
            claims.put("email", account.email());
            claims.put("email_verified", account.emailVerified());
        }
        if (scopes.contains("profile")) {
            claims.put("preferred_username", account.username());
            var profile = profiles.of(account.userId());
            profile.ifPresent(found -> {
                put(claims, "name", found.displayName());
                put(claims, "given_name", found.firstName());
                put(claims, "family_name", found.lastName());
                put(claims, "picture", found.avatarUrl());
                put(claims, "zoneinfo", found.zoneinfo());
            });
            put(claims, "locale", account.locale());
            profile.ifPresent(found -> claims.put("updated_at", found.updatedAt()));
        }
        if (scopes.contains("companies")) {
            // mutable collections: the claims are stored with the authorization, whose reader allows only those
            var companies = new ArrayList<Map<String, Object>>();
            for (var company : members.membershipsOf(account.userId())) {
                companies.add(company(company.companyId(), company.role().name(), company.name()));
            }
            claims.put("companies", companies);
        }
        return claims;
    }

    /** The active company a refresh asked for: {@code {id, role}}, or null when the person is not a member. */
    Map<String, Object> activeCompany(Account account, UUID companyId) {
        return members.roleOf(companyId, account.userId())
                .map(role -> company(companyId, role.name(), null))
                .orElse(null);
    }

    private static Map<String, Object> company(UUID id, String role, String name) {
        var company = new LinkedHashMap<String, Object>();
        company.put("id", id.toString());
        if (name != null) {
            company.put("name", name);
        }
        company.put("role", role);
        return company;
    }

    private static void put(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }
}
