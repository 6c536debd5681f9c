package io.identity.console;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.context.IContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders the pages (Thymeleaf, HTML mode: every value escaped unless a template says otherwise, which none
 * does) with the texts of one message bundle, and answers them with the headers that keep them safe: a strict
 * Content-Security-Policy (scripts, styles, forms and the scripts' requests only to here, nothing inline, no framing), no referrer at
 * all (whatever an address held never leaves in a Referer; the CSRF check then reads the fetch metadata where the
 * browser blanks the Origin), no caching, no sniffing. A {@code done} notice that is not one of ours shows nothing.
 * Where the installation catches its own mail ({@link ConsoleSettings#mailInboxUrl}), the pages that say a mail is
 * on its way link to where it can be read.
 */
final class Pages {

    static final String SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                    + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /**
     * For a page whose form goes on into an application's sign-in (the sign-in page continuing an authorization, the
     * consent page): the authorization endpoint answers it with a redirect to the application's own site, and
     * browsers apply {@code form-action} to that redirect too, so it is not restricted there.
     */
    static final String AUTHORIZATION_POLICY = SECURITY_POLICY.replace("form-action 'self'; ", "");

    /** The notices ({@code done.*}) and messages (by title) that say a mail is on its way. */
    private static final Set<String> MAILED = Set.of(
            "done.registered",
            "done.verification-sent",
            "done.email-sent",
            "done.invited",
            "done.resent",
            "forgot.sent.title",
            "erase.sent.title");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final ConsoleSettings settings;
    private volatile JakartaServletWebApplication web;

    Pages(ConsoleSettings settings) {
        this.settings = settings;
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("console/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        messages.setBasename("console/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
    }

    /** A page: its template, what it shows, for this visit (the sign-in state and the CSRF token are added). */
    ResponseEntity<String> render(HttpStatus status, String template, Map<String, ?> model, Visit visit) {
        var variables = new HashMap<String, Object>(model);
        if (variables.get("done") instanceof String done && !done.isEmpty() && !known("done." + done)) {
            variables.put("done", "");
        }
        variables.put("csrf", visit.csrf());
        variables.put("signedIn", visit.signedIn());
        variables.put("product", settings.productName());
        variables.put("page", template);
        var language = PageLanguages.of(visit.language());
        variables.put("shown", Shown.in(language));
        variables.put(
                "mailInbox",
                settings.mailInboxUrl() != null && saysAMailIsSent(variables) ? settings.mailInboxUrl() : null);
        var html = engine.process(template, context(visit, language, variables));
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(
                        "Content-Security-Policy",
                        variables.get("continueTo") instanceof String next && !next.isEmpty()
                                        || variables.containsKey("bare")
                                ? AUTHORIZATION_POLICY
                                : SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Vary", "Accept-Language")
                .body(html);
    }

    private static boolean saysAMailIsSent(Map<String, Object> variables) {
        return variables.get("done") instanceof String done && MAILED.contains("done." + done)
                || variables.get("title") instanceof String title && MAILED.contains(title);
    }

    /** Whether the pages have a text of that key (an address's words are never shown as a key's stand-in). */
    private boolean known(String key) {
        return messages.getMessage(key, null, null, Locale.ENGLISH) != null;
    }

    /** A web context, so that templates build links with {@code @{...}} (encoded, relative to the site). */
    private IContext context(Visit visit, Locale language, Map<String, Object> variables) {
        var request = visit.request();
        var application = web;
        if (application == null) {
            application = JakartaServletWebApplication.buildApplication(request.getServletContext());
            web = application;
        }
        return new WebContext(application.buildExchange(request, visit.response()), language, variables);
    }

    ResponseEntity<String> render(String template, Map<String, ?> model, Visit visit) {
        return render(HttpStatus.OK, template, model, visit);
    }

    /** A page that only says something: the texts {@code <key>.title} and {@code <key>.text}. */
    ResponseEntity<String> message(HttpStatus status, String key, Visit visit) {
        return render(status, "message", Map.of("title", key + ".title", "text", key + ".text"), visit);
    }

    ResponseEntity<String> message(String key, Visit visit) {
        return message(HttpStatus.OK, key, visit);
    }

    /** The API could not answer (the query side away, a timeout): a page saying so, never a 5xx of our own. */
    ResponseEntity<String> unavailable(Visit visit) {
        return message(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", visit);
    }

    /** A link's page without the token its link brought (opened again later, or its cookie expired). */
    ResponseEntity<String> linkMissing(Visit visit) {
        return message(HttpStatus.BAD_REQUEST, "link.missing", visit);
    }

    /** What the API answered, handed on as a file to save, never to be read as anything but its type. */
    static ResponseEntity<String> download(String contentType, String disposition, String body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    /** After a form that worked: to a page, with no body (post/redirect/get). */
    static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header("Location", location)
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noStore())
                .build();
    }
}
