package io.identity.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.support.test.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Requests a fuzzer found answered 500 are the client's mistakes, answered as problem+json with a stable code. No
 * endpoint takes multipart bodies: one sent anyway, with or without a boundary, is {@code 415 malformed_request};
 * where no body is read it changes nothing.
 */
class MalformedRequestsApiTest extends CommandSideTest {

    @Test
    void multipartWithoutABoundaryIsUnsupportedNotAFailure() {
        for (var path : new String[] {"/api/v1/registrations", "/api/v1/auth/login", "/oauth2/token"}) {
            var answer = send("POST", path, "multipart/form-data", "--x\r\n\r\n");
            assertThat(answer.status()).as(path).isEqualTo(415);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asString()).as(path).isEqualTo("malformed_request");
        }
    }

    @Test
    void wellFormedMultipartIsUnsupportedToo() {
        var answer = send(
                "POST",
                "/api/v1/auth/login",
                "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\nada\r\n--b--\r\n");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().path("code").asString()).isEqualTo("malformed_request");
    }

    @Test
    void aReadWithAMultipartContentTypeIsAnsweredAsAnyRead() {
        var answer = send("GET", "/.well-known/jwks.json", "multipart/form-data", "");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("keys").isArray()).isTrue();
    }

    @Test
    void aContentTypePatternIsUnsupported() {
        for (var type : new String[] {"*/*", "application/*"}) {
            var answer = send("POST", "/api/v1/auth/login", type, "{\"login\":\"ada\",\"password\":\"x\"}");
            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.json().path("code").asString()).as(type).isEqualTo("malformed_request");
        }
    }

    @Test
    void aQueryStringThatIsNotUtf8IsMalformed() {
        var answer = http.get("/api/v1/auth/oauth/test/authorize?redirect_uri=%FF%FE&state=%ED%A0%80");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("malformed_request");
    }

    @Test
    void aBlankIdNamesNothing() {
        var name = unique("blank");
        register(name);
        var auth = Http.bearer(login(name).json().path("access_token").asString());
        var answer = http.delete("/api/v1/companies/%20", auth);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("code").asString()).isEqualTo("not_found");
    }

    private Http.Response send(String method, String path, String contentType, String body) {
        return http.send(
                HttpRequest.newBuilder(URI.create(http.base() + path))
                        .method(
                                method,
                                body.isEmpty()
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body)),
                "Content-Type",
                contentType);
    }
}
