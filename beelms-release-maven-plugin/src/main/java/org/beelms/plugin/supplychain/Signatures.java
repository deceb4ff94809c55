package org.beelms.plugin.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

/**
 * The two signed documents, in the formats cosign and in-toto use: the simple-signing payload
 * over an image digest (signed as it is; the signature sits in the {@code .sig} layer's
 * annotation), and a DSSE envelope around an in-toto statement (signed over DSSE's
 * pre-authentication encoding).
 */
public final class Signatures {

  /** The {@code .sig} layer's media type. */
  public static final String SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

  /** The annotation holding the base64 signature of a {@code .sig} layer. */
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  /** The {@code .att} layer's media type. */
  public static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";

  /** The payload type of an in-toto statement in DSSE. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Signatures() {}

  /** cosign's simple-signing payload naming {@code digest} of {@code image}. */
  public static byte[] simpleSigningPayload(String image, String digest) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", image);
    critical.putObject("image").put("docker-manifest-digest", digest);
    critical.put("type", "cosign container image signature");
    root.putNull("optional");
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The digest a simple-signing payload names; empty when it names none. */
  public static Optional<String> signedDigest(byte[] payload) {
    try {
      String digest = JSON.readTree(payload).path("critical").path("image").path("docker-manifest-digest").asText("");
      return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** DSSE's pre-authentication encoding: what is signed. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    String head = "DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[headBytes.length + payload.length];
    System.arraycopy(headBytes, 0, out, 0, headBytes.length);
    System.arraycopy(payload, 0, out, headBytes.length, payload.length);
    return out;
  }

  /** A DSSE envelope of an in-toto statement, signed by {@code key}. */
  public static byte[] envelope(byte[] statement, SigningKey key) {
    ObjectNode root = JSON.createObjectNode();
    root.put("payloadType", IN_TOTO_PAYLOAD_TYPE);
    root.put("payload", Base64.getEncoder().encodeToString(statement));
    ObjectNode signature = root.putArray("signatures").addObject();
    signature.put("keyid", key.fingerprint());
    signature.put("sig", Base64.getEncoder().encodeToString(key.sign(pae(IN_TOTO_PAYLOAD_TYPE, statement))));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The statement inside a DSSE envelope when one of its signatures is {@code key}'s.
   *
   * @throws IllegalArgumentException naming what is wrong: not an envelope, another payload type,
   *     no signature by this key
   */
  public static byte[] openEnvelope(byte[] envelope, PublicKey key) {
    JsonNode root;
    try {
      root = JSON.readTree(envelope);
    } catch (IOException e) {
      throw new IllegalArgumentException("the attestation is not a DSSE envelope (not JSON)", e);
    }
    if (!IN_TOTO_PAYLOAD_TYPE.equals(root.path("payloadType").asText())) {
      throw new IllegalArgumentException("the attestation's payloadType is '" + root.path("payloadType").asText()
          + "', not " + IN_TOTO_PAYLOAD_TYPE);
    }
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(root.path("payload").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the attestation's payload is not base64", e);
    }
    byte[] signed = pae(IN_TOTO_PAYLOAD_TYPE, payload);
    for (JsonNode signature : root.path("signatures")) {
      try {
        if (SigningKey.verify(key, signed, Base64.getDecoder().decode(signature.path("sig").asText("")))) {
          return payload;
        }
      } catch (IllegalArgumentException notBase64) {
        // another signature may still be the key's
      }
    }
    throw new IllegalArgumentException("the provenance is not signed by the verify key "
        + SigningKey.fingerprint(key));
  }
}
