package io.identity.console;

import io.identity.support.crypto.MasterKey;
import io.identity.support.request.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted pages and consoles, served by the command side at the public URL and built on the public API only
 * ({@code identity.console.enabled=false} turns them off). Every form posted to them must be genuine (CSRF token
 * and origin), or it changes nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "identity.console.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ConsoleSettings.class, PublicUrlSettings.class})
@ComponentScan
public class ConsoleConfiguration implements WebMvcConfigurer {

    /** The paths of the pages: every form posted under them is checked. */
    static final List<String> PAGES = List.of(
            "/",
            "/login",
            "/login/**",
            "/logout",
            "/signup",
            "/verify-email",
            "/forgot-password",
            "/forgot-password/**",
            "/reset-password",
            "/invitations/**",
            "/oauth/**",
            "/erase-address",
            "/erase-address/**",
            "/account",
            "/account/**",
            "/companies/**");

    private final MasterKey masterKey;
    private final JsonMapper json;
    private final PublicUrlSettings site;
    private final ConsoleSettings settings;
    /** One renderer (its template engine) for the pages and for the refusal of a form that is not genuine. */
    private final Pages pages;

    ConsoleConfiguration(MasterKey masterKey, JsonMapper json, PublicUrlSettings site, ConsoleSettings settings) {
        this.masterKey = masterKey;
        this.json = json;
        this.site = site;
        this.settings = settings;
        this.pages = new Pages(settings);
    }

    /** Where this instance listens, for its own API over loopback unless a command URL is configured. */
    static final class LocalAddress implements ApplicationListener<WebServerInitializedEvent> {
        private volatile String url;

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            url = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    @Bean
    LocalAddress consoleLocalAddress() {
        return new LocalAddress();
    }

    @Bean
    Renewals consoleRenewals(DataSource dataSource) {
        return new Renewals(dataSource, masterKey, json);
    }

    @Bean
    Api consoleApi(LocalAddress local, Renewals renewals) {
        return new Api(
                json,
                () -> settings.commandUrl() != null ? settings.commandUrl() : local.url,
                settings.queryUrl(),
                new ClientAddress(masterKey),
                renewals);
    }

    @Bean
    Pages consolePages() {
        return pages;
    }

    @Bean
    ConsoleLinks consoleLinks() {
        return new ConsoleLinks(site.publicUrl());
    }

    private Visit visit(HttpServletRequest request, HttpServletResponse response) {
        var visit = (Visit) request.getAttribute(Visit.class.getName());
        if (visit == null) {
            visit = new Visit(request, response, masterKey, json, site.secure());
            request.setAttribute(Visit.class.getName(), visit);
        }
        return visit;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Visit.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mav,
                    NativeWebRequest web,
                    WebDataBinderFactory binders) {
                return visit(
                        web.getNativeRequest(HttpServletRequest.class),
                        web.getNativeResponse(HttpServletResponse.class));
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var origin = site.origin();
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                            throws Exception {
                        if (!"POST".equals(request.getMethod())) {
                            return true;
                        }
                        var visit = visit(request, response);
                        if (visit.formIsGenuine(request.getParameter("_csrf"), origin)) {
                            return true;
                        }
                        var page = pages.message(HttpStatus.FORBIDDEN, "form.expired", visit);
                        page.getHeaders()
                                .forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                        response.setStatus(page.getStatusCode().value());
                        response.getWriter().write(page.getBody());
                        return false;
                    }
                })
                .addPathPatterns(PAGES);
    }
}
