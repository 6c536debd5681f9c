package io.identity.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a page shows after a form: the values given back, and the API's refusal next to the fields. */
final class Forms {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Forms() {}

    /**
     * The model of a form the API refused: {@code problem} (the API's own readable detail), {@code errors} (field
     * to message) and the values to show again.
     */
    static Map<String, Object> failed(Api.Answer answer, Map<String, ?> values) {
        var model = new HashMap<String, Object>(values);
        model.put("problem", answer.detail() != null ? answer.detail() : "Something went wrong; try again.");
        model.put("problemCode", answer.code());
        model.put("errors", answer.fieldErrors());
        return model;
    }

    /** The fields of a form to show again, without any secret. */
    static Map<String, Object> echo(Map<String, String> form) {
        var values = new HashMap<String, Object>();
        form.forEach((name, value) -> {
            if (!name.toLowerCase().contains("password") && !name.startsWith("_") && !name.contains("answer")) {
                values.put(name.replace('.', '_'), value);
            }
        });
        return values;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The model of a page with its {@code done} notice (none: empty). */
    static HashMap<String, Object> done(String done) {
        var model = new HashMap<String, Object>();
        model.put("done", done == null ? "" : done);
        return model;
    }

    /** The {@code items} of a list the API answered, for the templates; none when it refused. */
    static Object items(Api.Answer answer) {
        return answer.ok() ? data(answer.body().path("items")) : List.of();
    }

    /** JSON from the API as plain maps and lists, for the templates. */
    static Object data(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }
}
