package io.identity.command.mfa;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import io.identity.support.test.Http;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A passkey in software for the tests, as a browser would hand on its answers (the JSON of WebAuthn Level 3): an
 * ES256 key, "none" attestation, a counter; the structures built and encoded with webauthn4j's own data classes and
 * converters, the signature with the JDK's.
 */
final class SoftAuthenticator {

    static final String ORIGIN = "http://localhost:8081";
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    final byte[] credentialId = new byte[32];
    long counter;
    boolean backupEligible;
    String origin = ORIGIN;

    SoftAuthenticator() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new SecureRandom().nextBytes(credentialId);
    }

    String id() {
        return B64.encodeToString(credentialId);
    }

    /** The RegistrationResponseJSON to PublicKeyCredentialCreationOptionsJSON. */
    ObjectNode register(JsonNode options) throws Exception {
        var clientData = clientData("webauthn.create", options.path("challenge").asString());
        byte flags = (byte) (AuthenticatorData.BIT_UP
                | AuthenticatorData.BIT_UV
                | AuthenticatorData.BIT_AT
                | (backupEligible ? AuthenticatorData.BIT_BE : 0));
        var credential = new AttestedCredentialData(
                AAGUID.ZERO,
                credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        var authenticatorData = new AuthenticatorData<RegistrationExtensionAuthenticatorOutput>(
                sha256(options.path("rp").path("id").asString().getBytes(StandardCharsets.UTF_8)),
                flags,
                counter,
                credential);
        var attestation = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(authenticatorData, new NoneAttestationStatement()));
        var json = credential("public-key");
        var response = json.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("attestationObject", B64.encodeToString(attestation));
        response.put(
                "authenticatorData",
                B64.encodeToString(new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData)));
        response.put("publicKey", B64.encodeToString(keys.getPublic().getEncoded()));
        response.put("publicKeyAlgorithm", -7);
        response.putArray("transports").add("internal");
        return json;
    }

    /** The AuthenticationResponseJSON to PublicKeyCredentialRequestOptionsJSON; the counter rises first. */
    ObjectNode assertion(JsonNode options, byte[] userHandle) throws Exception {
        counter++;
        return assertionAt(options, userHandle, counter);
    }

    /** As {@link #assertion}, with a counter as given (a clone's, or a replay's). */
    ObjectNode assertionAt(JsonNode options, byte[] userHandle, long signCount) throws Exception {
        var clientData = clientData("webauthn.get", options.path("challenge").asString());
        byte flags = (byte)
                (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | (backupEligible ? AuthenticatorData.BIT_BE : 0));
        var authenticatorData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<>(
                        sha256(options.path("rpId").asString().getBytes(StandardCharsets.UTF_8)), flags, signCount));
        var signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authenticatorData);
        signer.update(sha256(clientData));
        var json = credential("public-key");
        var response = json.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("authenticatorData", B64.encodeToString(authenticatorData));
        response.put("signature", B64.encodeToString(signer.sign()));
        if (userHandle != null) {
            response.put("userHandle", B64.encodeToString(userHandle));
        }
        return json;
    }

    private ObjectNode credential(String type) {
        var json = Http.JSON.createObjectNode();
        json.put("id", id());
        json.put("rawId", id());
        json.put("type", type);
        json.put("authenticatorAttachment", "platform");
        json.putObject("clientExtensionResults");
        return json;
    }

    private byte[] clientData(String type, String challenge) {
        var json = Http.JSON
                .createObjectNode()
                .put("type", type)
                .put("challenge", challenge)
                .put("origin", origin)
                .put("crossOrigin", false);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
