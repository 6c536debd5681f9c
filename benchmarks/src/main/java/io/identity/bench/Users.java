package io.identity.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The people the benchmarks register on the command side and sign in, all with one password. */
final class Users {

    static final String PASSWORD = "correct horse battery staple";

    private Users() {}

    /** Registers {@code name}, with the address {@code <name>@example.com}: the registration's answer. */
    static HttpResponse<String> register(HttpClient http, String commandUrl, String name)
            throws IOException, InterruptedException {
        return Requests.send(
                http,
                Requests.json(
                        commandUrl + "/api/v1/registrations",
                        Map.of("username", name, "email", name + "@example.com", "password", PASSWORD)),
                201);
    }

    /** Signs {@code name} in: a bearer token. */
    static String signIn(HttpClient http, String commandUrl, String name) throws IOException, InterruptedException {
        var login = Requests.send(
                http,
                Requests.json(commandUrl + "/api/v1/auth/login", Map.of("login", name, "password", PASSWORD)),
                200);
        return Requests.group(Requests.ACCESS_TOKEN, login);
    }

    /** Registers {@code count} users, {@code <prefix>0} on, and signs each in: their bearer tokens, in order. */
    static List<String> signedIn(HttpClient http, String commandUrl, String prefix, int count)
            throws IOException, InterruptedException {
        var tokens = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            register(http, commandUrl, prefix + i);
            tokens.add(signIn(http, commandUrl, prefix + i));
        }
        return tokens;
    }
}
