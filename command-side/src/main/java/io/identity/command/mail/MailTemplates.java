package io.identity.command.mail;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from {@code templates/mail/<name>.html} and {@code <name>.txt} with the texts of
 * {@code mail-messages*.properties} in the mail's language. Its Thymeleaf engine is its own, not a bean, so that
 * Spring MVC never resolves views from these templates.
 */
class MailTemplates {

    static final String LOCATION = "templates/mail/";

    private final SpringTemplateEngine engine;
    private final MessageSource messages;
    private final String productName;

    MailTemplates(String productName) {
        this.productName = productName;
        var bundle = new ResourceBundleMessageSource();
        bundle.setBasename(LOCATION + "mail-messages");
        bundle.setDefaultEncoding("UTF-8");
        // the base file is English: the server's own locale must not pick another language
        bundle.setFallbackToSystemLocale(false);
        this.messages = bundle;
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(LOCATION);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(bundle);
    }

    record Rendered(String subject, String text, String html) {

        @Override
        public String toString() {
            return "Rendered[" + subject + "]";
        }
    }

    /**
     * The subject is the message {@code <template>.subject}, given the product name and the model's
     * {@code subject} value (what the mail is about, such as a company's name), if any.
     */
    Rendered render(String template, Locale locale, Map<String, String> model, Map<String, String> secrets) {
        var variables = new HashMap<String, Object>(model);
        variables.putAll(secrets);
        variables.put("productName", productName);
        var context = new Context(locale, variables);
        var arguments = new Object[] {productName, model.getOrDefault("subject", "")};
        var subject = messages.getMessage(template + ".subject", arguments, locale);
        return new Rendered(
                subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
    }
}
