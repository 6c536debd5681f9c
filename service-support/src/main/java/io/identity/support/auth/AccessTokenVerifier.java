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

/**
 * Checks an access token: RS256 only (so {@code alg: none} and HS256 signed with the public key are refused),
 * a key of the published set, {@code iss} and {@code aud} exact, not expired, every claim we rely on present,
 * and its session not ended.
 */
public class AccessTokenVerifier {

    public static final String AUDIENCE = "identity";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final EndedSessions endedSessions;

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, EndedSessions endedSessions) {
        this.endedSessions = endedSessions;
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
            return new Caller(UUID.fromString(claims.getSubject()), sessionId,
                    claims.getStringClaim("preferred_username"), claims.getStringClaim("email"),
                    Boolean.TRUE.equals(verified));
        } catch (IdentityException e) {
            throw e;
        } catch (Exception e) {
            throw IdentityException.unauthenticated();
        }
    }
}
