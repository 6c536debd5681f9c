package io.identity.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the pages name a sign-in provider: the API knows providers only by their configured id ({@code google},
 * {@code test}), so its name is the id with a capital ("Google").
 */
final class ProviderNames {

    private ProviderNames() {}

    static String of(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    /** The API's items, each with {@code providerName}: the name of the provider whose id is in {@code field}. */
    static List<Map<String, Object>> named(Api.Answer answer, String field) {
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
