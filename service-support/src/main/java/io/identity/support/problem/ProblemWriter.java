package io.identity.support.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem response from a servlet filter, where no controller advice can help. */
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, IdentityException e) throws IOException {
        write(response, Problems.response(e));
    }

    public void write(HttpServletResponse response, ResponseEntity<ProblemDetail> entity) throws IOException {
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        json.writeValue(response.getOutputStream(), entity.getBody());
    }
}
