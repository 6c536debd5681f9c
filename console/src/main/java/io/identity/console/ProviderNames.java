package io.identity.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the pages name a sign-in provider: by the display name the API gives with each provider
 * ({@code identity.oauth.providers.<id>.display-name}), else by its id with a capital ("Google"), as for a provider
 * no longer configured that an account is still linked to.
 */
final class ProviderNames {

    private final Map<String, String> names = new HashMap<>();

    /** The names of the providers in the API's list ({@code GET /api/v1/auth/oauth/providers}). */
    ProviderNames(Api.Answer providers) {
        if (providers.ok()) {
            providers.body().path("items").forEach(item -> {
                var name = item.path("displayName").asString("");
                if (!name.isBlank()) {
                    names.put(item.path("id").asString(""), name);
                }
            });
        }
    }

    String of(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        return names.getOrDefault(id, id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1));
    }

    /** The API's items, each with {@code providerName}: the name of the provider whose id is in {@code field}. */
    List<Map<String, Object>> named(Api.Answer answer, String field) {
        var named = new ArrayList<Map<String, Object>>();
        if (answer.ok()) {
            answer.body().path("items").forEach(item -> {
                @SuppressWarnings("unchecked")
                var values = new HashMap<String, Object>((Map<String, Object>) Forms.data(item));
                values.put("providerName", of(item.path(field).asString("")));
                named.add(values);
            });
        }
        return named;
    }
}
