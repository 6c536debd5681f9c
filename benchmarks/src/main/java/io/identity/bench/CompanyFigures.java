package io.identity.bench;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The company reads of {@link Benchmark}, as the company's owner: members lists ({@link MembersScenario}; targets:
 * p99 under 20 ms for pages, under 100 ms as of an instant) and, unless {@code --audit 0}, the audit log and its hash
 * chain ({@link AuditScenario}).
 */
final class CompanyFigures {

    private CompanyFigures() {}

    static void measure(
            Benchmark.Options options, int cores, AppProcess command, AppProcess query, String jdbcUrl, UUID companyId)
            throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var token = Users.signIn(http, command.url, "owner");
        var concurrency = 4;
        var figures = MembersScenario.run(
                jdbcUrl,
                query.url,
                token,
                companyId,
                options.members(),
                new MembersScenario.Options(concurrency, options.warmup(), options.measure()));
        var out = new StringBuilder();
        out.append(Figures.line("members_first_page_per_s", List.of(figures.first()), "1/s", concurrency));
        out.append(Figures.line("members_deep_page_per_s", List.of(figures.deep()), "1/s", concurrency));
        out.append(Figures.line("members_as_of_per_s", List.of(figures.asOf()), "1/s", concurrency));
        out.append(String.format(
                Locale.ROOT, "# members=%d; targets: page p99 < 20 ms, asOf p99 < 100 ms%n", options.members()));
        if (options.audit() > 0) {
            var audit = AuditScenario.run(
                    jdbcUrl,
                    query.url,
                    token,
                    companyId,
                    options.audit(),
                    new MembersScenario.Options(concurrency, options.warmup(), options.measure()));
            out.append(Figures.line("audit_first_page_per_s", List.of(audit.first()), "1/s", concurrency));
            out.append(Figures.line("audit_filtered_page_per_s", List.of(audit.filtered()), "1/s", concurrency));
            out.append(String.format(
                    Locale.ROOT,
                    "audit_chain_verify %.0f events/s chained=%d runs=%s cores=%d%n",
                    Figures.median(audit.verifiedPerSecond(), d -> d),
                    audit.chained(),
                    Figures.format(audit.verifiedPerSecond()),
                    cores));
            out.append(String.format(Locale.ROOT, "# audit entries=%d; target: page p99 < 50 ms%n", options.audit()));
        }
        Figures.report(out);
    }
}
