package io.identity.console;

import io.identity.support.request.ClientAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public HTTP API, as the pages use it: the command side for changes, the query side for reads, with the
 * browser's tokens, address (sealed, so that the API can trust it: {@link ClientAddress}) and user agent, and its
 * newest position for read-your-writes. An access token that expired is renewed once with the refresh token, one
 * renewal per session at a time ({@link Renewals}); a sign-in that cannot be renewed ends.
 */
final class Api {

    /** Which deployable answers. */
    enum Side {
        COMMAND,
        QUERY
    }

    /** An answer of the API: status, body (JSON, or a missing node), and the headers the pages use. */
    record Answer(int status, JsonNode body, String position, String contentType, String disposition, String text) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's stable code, or null. */
        String code() {
            var code = body.path("code");
            return code.isString() ? code.asString() : null;
        }

        /** Field to message, for the messages next to the inputs. */
        Map<String, String> fieldErrors() {
            var errors = new LinkedHashMap<String, String>();
            body.path("errors")
                    .forEach(error -> errors.putIfAbsent(
                            error.path("field").asString(),
                            error.path("message").asString()));
            return errors;
        }

        String detail() {
            return body.path("detail").asString(null);
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;
    private final Supplier<String> commandUrl;
    private final String queryUrl;
    private final ClientAddress addresses;
    private final Renewals renewals;

    Api(JsonMapper json, Supplier<String> commandUrl, String queryUrl, ClientAddress addresses, Renewals renewals) {
        this.json = json;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.addresses = addresses;
        this.renewals = renewals;
    }

    Answer get(Side side, String path, Visit visit) {
        return send(side, "GET", path, null, visit, "application/json");
    }

    /** A read as a download: {@code accept} picks the format (JSON, NDJSON, CSV). */
    Answer download(Side side, String path, Visit visit, String accept) {
        return send(side, "GET", path, null, visit, accept);
    }

    Answer send(String method, String path, Object body, Visit visit) {
        return send(Side.COMMAND, method, path, body, visit, "application/json");
    }

    private Answer send(Side side, String method, String path, Object body, Visit visit, String accept) {
        var answer = once(side, method, path, body, visit, accept, true);
        if (visit == null) {
            return answer;
        }
        if (answer.status() == 401 && visit.signedIn()) {
            var renewal = renew(visit);
            if (renewal.renewed() != null) {
                answer = once(side, method, path, body, visit, accept, true);
            } else if (!renewal.ended()) {
                // nobody knows yet whether the refresh token was spent: keep the sign-in, say to try again
                return unavailable();
            }
        }
        if (answer.status() == 401 && visit.signedIn()) {
            visit.signOut();
        }
        if (side == Side.COMMAND && answer.ok()) {
            visit.saw(answer.position());
        }
        return answer;
    }

    /**
     * Exchanges the refresh token for a new pair, or takes the pair another request of the same session got for it
     * a moment ago; the browser keeps the new pair.
     */
    private Renewals.Outcome renew(Visit visit) {
        var session = visit.session();
        var outcome = renewals.renew(
                session,
                () -> once(
                        Side.COMMAND,
                        "POST",
                        "/api/v1/auth/refresh",
                        Map.of("refresh_token", session.refreshToken()),
                        visit,
                        "application/json",
                        false));
        if (outcome.renewed() != null) {
            visit.signIn(outcome.renewed());
        }
        return outcome;
    }

    /** One call; {@code withSession} sends the browser's access token (and its position, to the query side). */
    private Answer once(
            Side side, String method, String path, Object body, Visit visit, String accept, boolean withSession) {
        var base = side == Side.COMMAND ? commandUrl.get() : queryUrl;
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", accept);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (visit != null) {
            var session = visit.session();
            if (session != null && withSession) {
                request.header("Authorization", "Bearer " + session.accessToken());
                if (side == Side.QUERY && session.position() != null) {
                    request.header("X-Min-Position", session.position().toString());
                }
            }
            request.header(ClientAddress.HEADER, addresses.seal(visit.clientAddress()));
            if (visit.userAgent() != null) {
                request.header("User-Agent", visit.userAgent());
            }
            if (visit.language() != null) {
                request.header("Accept-Language", visit.language());
            }
        }
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var type = response.headers().firstValue("Content-Type").orElse("");
            var text = response.body();
            JsonNode parsed = json.missingNode();
            if (type.contains("json") && !type.contains("ndjson") && text != null && !text.isEmpty()) {
                parsed = json.readTree(text);
            }
            return new Answer(
                    response.statusCode(),
                    parsed,
                    response.headers().firstValue("X-Event-Position").orElse(null),
                    type,
                    response.headers().firstValue("Content-Disposition").orElse(null),
                    text);
        } catch (IOException e) {
            return unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable();
        }
    }

    private Answer unavailable() {
        var body = json.createObjectNode()
                .put("code", "unavailable")
                .put("detail", "The service cannot be reached just now; try again in a moment.");
        return new Answer(503, body, null, "application/json", null, null);
    }
}
