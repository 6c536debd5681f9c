package io.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The production-like topology's gateway ({@code deploy/nginx.conf}) sends every hosted page, and every path of the
 * OpenID Connect provider, to the command side, which serves them: a page the gateway does not route is a page
 * nobody behind it can open.
 */
class GatewayRoutesTest {

    private static final Pattern LOCATION =
            Pattern.compile("location\\s+(=|~|\\^~)?\\s*(\\S+)\\s*\\{([^}]*)}", Pattern.DOTALL);
    private static final Pattern PROXY = Pattern.compile("proxy_pass\\s+http://([\\w$]+)");

    private record Location(String modifier, String pattern, String target) {

        boolean matches(String path) {
            return switch (modifier) {
                case "=" -> path.equals(pattern);
                case "~" -> Pattern.compile(pattern).matcher(path).find();
                default -> path.startsWith(pattern);
            };
        }
    }

    private static List<Location> locations() throws Exception {
        var conf = Files.readString(Path.of("..", "deploy", "nginx.conf"));
        var locations = new ArrayList<Location>();
        var matcher = LOCATION.matcher(conf);
        while (matcher.find()) {
            var proxy = PROXY.matcher(matcher.group(3));
            locations.add(new Location(
                    matcher.group(1) == null ? "" : matcher.group(1),
                    matcher.group(2),
                    proxy.find() ? proxy.group(1) : "none"));
        }
        return locations;
    }

    /** Where nginx sends the path: an exact match; else the first matching regex; else the longest prefix. */
    private static String target(List<Location> locations, String path) {
        for (var location : locations) {
            if (location.modifier().equals("=") && location.matches(path)) {
                return location.target();
            }
        }
        for (var location : locations) {
            if (location.modifier().equals("~") && location.matches(path)) {
                return location.target();
            }
        }
        return locations.stream()
                .filter(location -> location.modifier().isEmpty() && location.matches(path))
                .max((a, b) -> Integer.compare(a.pattern().length(), b.pattern().length()))
                .map(Location::target)
                .orElse("none");
    }

    @Test
    void everyPageAndEveryProviderPathReachesTheCommandSide() throws Exception {
        var locations = locations();
        assertThat(locations).isNotEmpty();
        var pages = new ArrayList<String>();
        for (var type : new ClassFileImporter().importPackages("io.identity.console")) {
            for (var method : type.getMethods()) {
                for (var annotation : List.of(GetMapping.class, PostMapping.class)) {
                    if (method.isAnnotatedWith(annotation)) {
                        var mapping = method.reflect().getAnnotation(annotation);
                        var paths = annotation == GetMapping.class
                                ? ((GetMapping) mapping).value()
                                : ((PostMapping) mapping).value();
                        for (var path : paths) {
                            pages.add(path.replaceAll("\\{[^}]+}", "x"));
                        }
                    }
                }
            }
        }
        assertThat(pages).as("the pages found").contains("/login", "/companies/x/members", "/erase-address");
        pages.addAll(
                List.of("/oauth2/authorize", "/oauth2/token", "/oauth2/register", "/.well-known/openid-configuration"));
        for (var path : pages) {
            assertThat(target(locations, path)).as(path).isEqualTo("command_side");
        }
        assertThat(target(locations, "/actuator/prometheus")).as("kept inside").isEqualTo("none");
    }

    /**
     * Reads under {@code /api/} go to the query side, but for those the command side serves (a GET mapping of a
     * command-side controller): the gateway must send each of those to the command side, or nobody behind it can
     * read them.
     */
    @Test
    void everyReadTheCommandSideServesReachesIt() throws Exception {
        var locations = locations();
        var reads = new ArrayList<String>();
        for (var type : new ClassFileImporter().importPackages("io.identity.command")) {
            for (var method : type.getMethods()) {
                if (method.isAnnotatedWith(GetMapping.class)) {
                    for (var path :
                            method.reflect().getAnnotation(GetMapping.class).value()) {
                        if (path.startsWith("/api/")) {
                            reads.add(path.replaceAll("\\{[^}]+}", "x"));
                        }
                    }
                }
            }
        }
        assertThat(reads).as("the reads found").contains("/api/v1/users/me/applications", "/api/v1/admin/webhooks");
        for (var path : reads) {
            assertThat(target(locations, path)).as(path).isEqualTo("command_side");
        }
        assertThat(target(locations, "/api/v1/admin/users/import")).isEqualTo("command_side");
        assertThat(target(locations, "/api/v1/companies/x"))
                .as("a company's read")
                .isEqualTo("$api_side");
    }
}
