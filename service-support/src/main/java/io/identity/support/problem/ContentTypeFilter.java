package io.identity.support.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code Content-Type} that is a pattern ({@code *}{@code /*}, {@code application/*}) with
 * {@code 415 malformed_request}: a body has one concrete type (wildcards belong in {@code Accept}), and Spring's
 * request headers throw on such a value wherever a body is read, which would otherwise end in a 500.
 * A value that does not parse at all is left to Spring, which answers it with 415 itself.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ProblemWriter writer;

    public ContentTypeFilter(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPattern(request.getContentType())) {
            writer.write(
                    response,
                    Problems.response(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            ErrorCode.MALFORMED_REQUEST,
                            "The Content-Type must be a media type, not a pattern."));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPattern(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            var type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
