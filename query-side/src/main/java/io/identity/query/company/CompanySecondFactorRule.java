package io.identity.query.company;

import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.SecondFactorRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The company's second-factor rule in front of its query endpoints, read from the companies read model. */
@Configuration(proxyBeanMethods = false)
class CompanySecondFactorRule {

    @Bean
    WebMvcConfigurer companySecondFactors(AccessTokenVerifier verifier, JdbcTemplate jdbc) {
        var rule = new SecondFactorRule(
                verifier,
                (companyId, userId) -> !jdbc.queryForList(
                                "SELECT 1 FROM companies c JOIN memberships m ON m.company_id = c.company_id "
                                        + "WHERE c.company_id = ? AND c.require_mfa AND m.user_id = ?",
                                companyId,
                                userId)
                        .isEmpty());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(rule).addPathPatterns("/api/v1/companies/*", "/api/v1/companies/*/**");
            }
        };
    }
}
