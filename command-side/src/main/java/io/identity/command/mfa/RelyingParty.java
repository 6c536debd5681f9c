package io.identity.command.mfa;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.Base64UrlUtil;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.mail.MailSettings;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * This service as a WebAuthn relying party: its id and origins ({@link WebAuthnSettings}, else those of the public
 * address), the options a browser's {@code navigator.credentials} takes in their JSON form (W3C WebAuthn Level 3,
 * base64url), and the checks of what the authenticator answers, all by webauthn4j: the challenge, the origin, the
 * relying party's id hash, user presence, the signature and the counter. Attestation is not asked for
 * ({@code none}): a passkey is trusted as the person's because they added it behind their password, not for its
 * maker.
 */
@Component
class RelyingParty {

    /** ES256, EdDSA and RS256, in that order of preference: between them every authenticator can make one. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private static final long TIMEOUT_MILLIS = SecondFactorStore.CHALLENGE_LIFETIME.toMillis();

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter attested = new AttestedCredentialDataConverter(new ObjectConverter());
    private final String id;
    private final String name;
    private final Set<Origin> origins = new HashSet<>();

    RelyingParty(IdentitySettings identity, WebAuthnSettings settings, MailSettings mail) {
        var publicUrl = URI.create(identity.publicUrl());
        this.id = settings.rpId() != null ? settings.rpId() : publicUrl.getHost();
        this.name = mail.productName();
        var allowed = settings.origins().isEmpty()
                ? List.of(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority())
                : settings.origins();
        allowed.forEach(origin -> origins.add(new Origin(origin.replaceAll("/+$", ""))));
    }

    /** The person's handle in their passkeys: their user id's 16 bytes (no name, no address). */
    static byte[] handleOf(UUID userId) {
        return ByteBuffer.allocate(16)
                .putLong(userId.getMostSignificantBits())
                .putLong(userId.getLeastSignificantBits())
                .array();
    }

    /** PublicKeyCredentialCreationOptionsJSON: a discoverable credential preferred, none of {@code existing}. */
    Map<String, Object> creationOptions(
            UUID userId, String username, byte[] challenge, List<PasskeyStore.Passkey> existing) {
        var options = new LinkedHashMap<String, Object>();
        options.put("rp", Map.of("id", id, "name", name));
        options.put(
                "user",
                Map.of(
                        "id",
                        Base64UrlUtil.encodeToString(handleOf(userId)),
                        "name",
                        username,
                        "displayName",
                        username));
        options.put("challenge", Base64UrlUtil.encodeToString(challenge));
        options.put(
                "pubKeyCredParams",
                ALGORITHMS.stream()
                        .map(algorithm -> Map.of(
                                "type", "public-key", "alg", algorithm.getAlg().getValue()))
                        .toList());
        options.put("timeout", TIMEOUT_MILLIS);
        options.put("excludeCredentials", descriptors(existing));
        options.put(
                "authenticatorSelection",
                Map.of("residentKey", "preferred", "requireResidentKey", false, "userVerification", "preferred"));
        options.put("attestation", "none");
        options.put("extensions", Map.of("credProps", true));
        return options;
    }

    /**
     * PublicKeyCredentialRequestOptionsJSON: for {@code allowed} passkeys (a second factor), or any discoverable one
     * of this relying party (none listed, a sign-in without a password).
     */
    Map<String, Object> requestOptions(byte[] challenge, List<PasskeyStore.Passkey> allowed, String userVerification) {
        var options = new LinkedHashMap<String, Object>();
        options.put("challenge", Base64UrlUtil.encodeToString(challenge));
        options.put("timeout", TIMEOUT_MILLIS);
        options.put("rpId", id);
        options.put("allowCredentials", descriptors(allowed));
        options.put("userVerification", userVerification);
        return options;
    }

    private static List<Map<String, Object>> descriptors(List<PasskeyStore.Passkey> passkeys) {
        return passkeys.stream()
                .map(passkey -> {
                    var descriptor = new LinkedHashMap<String, Object>();
                    descriptor.put("type", "public-key");
                    descriptor.put("id", passkey.credentialId());
                    descriptor.put("transports", passkey.transports());
                    return (Map<String, Object>) descriptor;
                })
                .toList();
    }

    /** A passkey the authenticator made for this relying party, as it is kept. */
    record NewPasskey(
            String credentialId,
            byte[] attestedCredentialData,
            long signCount,
            Set<String> transports,
            boolean userVerified,
            boolean backupEligible,
            boolean backupState,
            String aaguid) {}

    /** A RegistrationResponseJSON checked against the challenge; empty when it does not hold. */
    Optional<NewPasskey> verifyRegistration(String responseJson, byte[] challenge) {
        try {
            var data = manager.parseRegistrationResponseJSON(responseJson);
            manager.verify(data, new RegistrationParameters(property(challenge), ALGORITHMS, false, true));
            var authenticatorData = data.getAttestationObject().getAuthenticatorData();
            var credential = authenticatorData.getAttestedCredentialData();
            var transports = new HashSet<String>();
            if (data.getTransports() != null) {
                data.getTransports().forEach(transport -> transports.add(transport.getValue()));
            }
            var aaguid = credential.getAaguid();
            return Optional.of(new NewPasskey(
                    Base64UrlUtil.encodeToString(credential.getCredentialId()),
                    attested.convert(credential),
                    authenticatorData.getSignCount(),
                    transports,
                    authenticatorData.isFlagUV(),
                    authenticatorData.isFlagBE(),
                    authenticatorData.isFlagBS(),
                    aaguid == null || AAGUID.ZERO.equals(aaguid) || AAGUID.NULL.equals(aaguid)
                            ? null
                            : aaguid.getValue().toString()));
        } catch (RuntimeException e) {
            // malformed, for another origin or challenge, a bad signature: the browser's answer is not taken
            return Optional.empty();
        }
    }

    /** An AuthenticationResponseJSON read (not yet checked): whose passkey it names, and for whom. */
    Optional<AuthenticationData> readAssertion(String responseJson) {
        try {
            var data = manager.parseAuthenticationResponseJSON(responseJson);
            return data.getCredentialId() == null ? Optional.empty() : Optional.of(data);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the assertion was made by the stored passkey for this challenge, with a counter beyond the stored
     * one (or both zero: authenticators that keep none); {@code verified}: user verification required.
     */
    boolean verifyAssertion(AuthenticationData data, byte[] challenge, PasskeyStore.Passkey passkey, boolean verified) {
        try {
            var record = new CredentialRecordImpl(
                    new NoneAttestationStatement(),
                    passkey.userVerified(),
                    passkey.backupEligible(),
                    passkey.backupState(),
                    passkey.signCount(),
                    attested.convert(passkey.attestedCredentialData()),
                    null,
                    null,
                    null,
                    passkey.transports().stream()
                            .map(AuthenticatorTransport::create)
                            .collect(Collectors.toSet()));
            manager.verify(
                    data,
                    new AuthenticationParameters(
                            property(challenge),
                            record,
                            List.of(Base64UrlUtil.decode(passkey.credentialId())),
                            verified,
                            true));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ServerProperty property(byte[] challenge) {
        return ServerProperty.builder()
                .origins(origins)
                .rpId(id)
                .challenge(new DefaultChallenge(challenge))
                .build();
    }
}
