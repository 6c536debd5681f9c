package io.identity.support.web;

import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.CallerResolver;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.crypto.MasterKey;
import io.identity.support.problem.BodyLimitFilter;
import io.identity.support.problem.ContentTypeFilter;
import io.identity.support.problem.ProblemAdvice;
import io.identity.support.problem.ProblemErrorController;
import io.identity.support.problem.ProblemWriter;
import io.identity.support.problem.StreamedBodies;
import io.identity.support.request.ClientAddress;
import io.identity.support.request.RequestContextFilter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP conventions both sides share: request context, body limit, problem+json, the {@code Caller}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorSettings.class)
public class WebSupportConfiguration {

    /** The contract's body limit. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    @Bean
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    /** Where this side seals secrets (the command side), it also opens the console's sealed client addresses. */
    @Bean
    FilterRegistrationBean<RequestContextFilter> identityRequestContextFilter(ObjectProvider<MasterKey> masterKey) {
        var key = masterKey.getIfUnique();
        var registration =
                new FilterRegistrationBean<>(new RequestContextFilter(key == null ? null : new ClientAddress(key)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
            ProblemWriter writer, ObjectProvider<StreamedBodies> streamedBodies) {
        var streamed = streamedBodies
                .orderedStream()
                .flatMap(bodies -> bodies.paths().stream())
                .collect(Collectors.toSet());
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(MAX_BODY_BYTES, writer, streamed));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemWriter writer) {
        var registration = new FilterRegistrationBean<>(new ContentTypeFilter(writer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerArguments(ObjectProvider<AccessTokenVerifier> verifier) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                verifier.ifAvailable(v -> resolvers.add(new CallerResolver(v)));
            }
        };
    }
}
