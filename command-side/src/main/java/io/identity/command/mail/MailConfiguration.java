package io.identity.command.mail;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's templates and dispatcher; the SMTP connection is Spring Boot's, from {@code spring.mail.*}. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailTemplates mailTemplates(MailSettings settings) {
        return new MailTemplates(settings.productName());
    }

    @Bean
    MailDispatcher mailDispatcher(
            Outbox outbox,
            JavaMailSender sender,
            MailTemplates templates,
            MailSettings settings,
            EventGateway events,
            TransactionTemplate transactions) {
        return new MailDispatcher(outbox, sender, templates, settings, events, transactions);
    }
}
