package io.identity.command.company;

import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.SecondFactorRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The company's second-factor rule in front of its command endpoints, read from the command side's lookups. */
@Configuration(proxyBeanMethods = false)
class CompanySecondFactorRule {

    @Bean
    WebMvcConfigurer companySecondFactors(AccessTokenVerifier verifier, CompanyNames names, CompanyMembers members) {
        var rule = new SecondFactorRule(
                verifier,
                (companyId, userId) -> names.requiresSecondFactor(companyId)
                        && members.roleOf(companyId, userId).isPresent());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(rule).addPathPatterns("/api/v1/companies/*", "/api/v1/companies/*/**");
            }
        };
    }
}
