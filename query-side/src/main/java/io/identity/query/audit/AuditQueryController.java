package io.identity.query.audit;

import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audit reads (§8): a company's log for its OWNERs and ADMINs, an account's own security log, and everything for
 * the platform's operators. Newest first, filtered by {@code type}, {@code actor}, {@code from} and {@code to},
 * paged by position; or, asked for {@code application/x-ndjson} or {@code text/csv} (by {@code Accept} or
 * {@code format=ndjson|csv}), the whole filtered log streamed from a database cursor, in constant memory.
 */
@RestController
class AuditQueryController {

    /**
     * An account's own security log: how it was signed in to, what changed its protection, and which applications
     * it allowed to sign it in.
     */
    private static final List<String> SECURITY_LOG = List.of(
            "UserRegistered",
            "SessionStarted",
            "SessionEnded",
            "LoginFailed",
            "LoginThrottled",
            "PasswordChanged",
            "PasswordReset",
            "PasswordResetRequested",
            "EmailChangeRequested",
            "EmailChanged",
            "EmailVerified",
            "SecurityQuestionsSet",
            "UserDeactivated",
            "ExternalIdentityLinked",
            "ExternalIdentityUnlinked",
            "ConsentGranted",
            "ConsentRevoked",
            "TotpEnabled",
            "TotpDisabled",
            "PasskeyRegistered",
            "PasskeyRemoved",
            "RecoveryCodesGenerated",
            "RecoveryCodeUsed",
            "SecondFactorUsed");

    private final JdbcTemplate jdbc;
    private final AuditEntries entries;
    private final OperatorSettings operators;
    private final AuditChain chain;

    AuditQueryController(JdbcTemplate jdbc, AuditEntries entries, OperatorSettings operators, AuditChain chain) {
        this.jdbc = jdbc;
        this.entries = entries;
        this.operators = operators;
        this.chain = chain;
    }

    /** The query parameters every audit read takes, bound by name. */
    record Params(String type, String actor, String from, String to, Integer limit, String cursor, String format) {

        AuditFilter filter() {
            return AuditFilter.of(type, actor, from, to);
        }
    }

    @GetMapping("/api/v1/companies/{companyId}/audit")
    ResponseEntity<?> company(
            Caller caller,
            @PathVariable UUID companyId,
            Params params,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        var filter = params.filter();
        var role = jdbc
                .query(
                        "SELECT role FROM memberships WHERE company_id = ? AND user_id = ?",
                        (rs, i) -> rs.getString(1),
                        companyId,
                        caller.userId())
                .stream()
                .findFirst()
                .orElseThrow(IdentityException::notFound);
        if (!"OWNER".equals(role) && !"ADMIN".equals(role)) {
            throw new IdentityException(ErrorCode.FORBIDDEN, "Only owners and admins see the company's audit log.");
        }
        return answer(new AuditFilter.Query("company_id = ?", List.of(companyId)), filter, params, accept, response);
    }

    @GetMapping("/api/v1/users/me/audit")
    ResponseEntity<?> mine(
            Caller caller,
            Params params,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        var filter = params.filter();
        return answer(
                new AuditFilter.Query(
                        "user_id = ? AND type = ANY (?)",
                        List.of(caller.userId(), SECURITY_LOG.toArray(String[]::new))),
                filter,
                params,
                accept,
                response);
    }

    @GetMapping("/api/v1/audit/events")
    ResponseEntity<?> all(
            Caller caller,
            Params params,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        var filter = params.filter();
        operators.require(caller);
        return answer(new AuditFilter.Query("TRUE", List.of()), filter, params, accept, response);
    }

    record ChainState(long verifiedUpTo, boolean intact, Long firstBrokenPosition) {}

    /** Recomputes the hash chain over the whole store (operators); reads in constant memory. */
    @GetMapping("/api/v1/audit/verify")
    ChainState verify(Caller caller) {
        operators.require(caller);
        var result = entries.verify(chain);
        return new ChainState(result.verifiedUpTo(), result.intact(), result.firstBrokenPosition());
    }

    /** A page as JSON; or the export, written straight to the response as it is read (then null). */
    private ResponseEntity<?> answer(
            AuditFilter.Query readable, AuditFilter filter, Params params, String accept, HttpServletResponse response)
            throws IOException {
        var query = filter.applied(readable);
        var export = exportFormat(params.format(), accept);
        if (export != null) {
            response.setContentType(export.toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            entries.export(query, export, response.getOutputStream());
            return null;
        }
        return ResponseEntity.ok(entries.page(query, params.limit(), params.cursor()));
    }

    /** {@code format} wins over {@code Accept}; JSON pages are the default. */
    private static MediaType exportFormat(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "ndjson" -> AuditEntries.NDJSON;
                case "csv" -> AuditEntries.CSV;
                case "json" -> null;
                default ->
                    throw IdentityException.validation(
                            List.of(new FieldViolation("format", "must be json, ndjson or csv")));
            };
        }
        if (accept == null) {
            return null;
        }
        try {
            for (var type : MediaType.parseMediaTypes(accept)) {
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                    return null;
                }
                if (AuditEntries.NDJSON.equalsTypeAndSubtype(type)) {
                    return AuditEntries.NDJSON;
                }
                if (AuditEntries.CSV.equalsTypeAndSubtype(type)) {
                    return AuditEntries.CSV;
                }
            }
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        return null;
    }
}
