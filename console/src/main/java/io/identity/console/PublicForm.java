package io.identity.console;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** A form of the pages anyone reaches, posted to the API; refused, the same page again with the API's refusal. */
@Component
class PublicForm {

    private final Api api;
    private final Pages pages;

    PublicForm(Api api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    /**
     * Posts the body to the API: on success what {@code then} gives, else the form's template again, with the
     * refusal and the {@code values} to show again.
     */
    ResponseEntity<String> submit(
            Visit visit,
            String path,
            Object body,
            String template,
            Map<String, ?> values,
            Supplier<ResponseEntity<String>> then) {
        var answer = api.send("POST", path, body, visit);
        if (!answer.ok()) {
            return pages.render(HttpStatus.valueOf(answer.status()), template, Forms.failed(answer, values), visit);
        }
        return then.get();
    }
}
