package io.identity.support.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.identity.support.problem.IdentityException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Checks an access token: RS256 only (so {@code alg: none} and HS256 signed with the public key are refused),
 * a key of the published set, {@code iss} and {@code aud} exact, not expired, every claim we rely on present,
 * and its session not ended.
 */
public class AccessTokenVerifier {

    public static final String AUDIENCE = "identity";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final EndedSessions endedSessions;
    private final Consumer<Caller> onVerified;

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, EndedSessions endedSessions) {
        this(keys, issuer, endedSessions, caller -> { });
    }

    /** @param onVerified told of every caller whose token passed, e.g. to note when a session was last used */
    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, EndedSessions endedSessions,
                               Consumer<Caller> onVerified) {
        this.endedSessions = endedSessions;
        this.onVerified = onVerified;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        var verifier = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "sid", "exp", "iat", "jti"));
        verifier.setMaxClockSkew(5);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    /** The caller the token speaks for; {@code 401 unauthenticated} for anything wrong with it. */
    public Caller verify(String token) {
        try {
            var claims = processor.process(token, null);
            var sessionId = UUID.fromString(claims.getStringClaim("sid"));
            if (endedSessions.isEnded(sessionId)) {
                throw IdentityException.unauthenticated();
            }
            var verified = claims.getBooleanClaim("email_verified");
            var caller = new Caller(UUID.fromString(claims.getSubject()), sessionId,
                    claims.getStringClaim("preferred_username"), claims.getStringClaim("email"),
                    Boolean.TRUE.equals(verified));
            onVerified.accept(caller);
            return caller;
        } catch (IdentityException e) {
            throw e;
        } catch (Exception e) {
            throw IdentityException.unauthenticated();
        }
    }
}
