package io.nauta.apiserver.resources.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.auth.UserInfo;
import io.nauta.apiserver.pki.CertificateRequest;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CertificateSigningRequests (cluster-scoped): a PEM request, a qualified signer name and known key
 * usages are required; the spec is fixed at creation, where the requester's identity is recorded
 * from the request's credentials, never from the body; conditions change only through the approval
 * subresource and never lose a decision.
 */
public final class CertificateSigningRequestStrategy implements ResourceStrategy {
  public static final String GROUP = "certificates.k8s.io";

  /** Client certificates for node agents ({@code system:node:NAME} in {@code system:nodes}). */
  public static final String KUBELET_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";

  /** Client certificates for any user of the API server. */
  public static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";

  private static final Pattern SIGNER =
      Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?");

  private static final Set<String> USAGES =
      Set.of(
          "signing",
          "digital signature",
          "content commitment",
          "key encipherment",
          "key agreement",
          "data encipherment",
          "cert sign",
          "crl sign",
          "encipher only",
          "decipher only",
          "any",
          "server auth",
          "client auth",
          "code signing",
          "email protection",
          "s/mime",
          "ipsec end system",
          "ipsec tunnel",
          "ipsec user",
          "timestamping",
          "ocsp signing",
          "microsoft sgc",
          "netscape sgc");

  /** The certificates.k8s.io/v1 certificatesigningrequests resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder(
            GROUP, "v1", "CertificateSigningRequest", "certificatesigningrequests")
        .clusterScoped()
        .shortNames("csr")
        .subresources("status", "approval")
        .strategy(new CertificateSigningRequestStrategy())
        .build();
  }

  /** Records who asks, from the request's credentials, over whatever the body claimed. */
  @Override
  public void recordRequester(ObjectNode csr, UserInfo user) {
    ObjectNode spec = Json.object(csr, "spec");
    spec.put("username", user.name());
    if (user.uid() == null || user.uid().isEmpty()) {
      spec.remove("uid");
    } else {
      spec.put("uid", user.uid());
    }
    ArrayNode groups = spec.putArray("groups");
    user.groups().forEach(groups::add);
    spec.remove("extra");
  }

  /**
   * The decoded request PEM of {@code spec.request} (base64 in JSON), or empty if not decodable.
   */
  public static String requestPem(JsonNode csr) {
    try {
      return new String(
          Base64.getDecoder().decode(Json.text(csr, "spec", "request")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Whether the CSR has a condition of {@code type} with status True. */
  public static boolean hasCondition(JsonNode csr, String type) {
    for (JsonNode c : csr.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText()) && !"False".equals(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void prepareForCreate(ObjectNode csr) {
    csr.remove("status");
  }

  @Override
  public void prepareForUpdate(ObjectNode csr, ObjectNode old) {
    // the spec is what was asked for and who asked: fixed at creation
    csr.set("spec", old.path("spec").deepCopy());
  }

  @Override
  public List<FieldError> validate(ObjectNode csr) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("spec");
    JsonNode spec = csr.path("spec");
    if (!Json.has(spec, "request")) {
      errs.required(sp.child("request"), "");
    } else if (CertificateRequest.parse(requestPem(csr)).isEmpty()) {
      errs.invalid(
          sp.child("request"),
          "<request>",
          "PEM block type must be CERTIFICATE REQUEST with a valid self-signature");
    }
    String signer = Json.text(spec, "signerName");
    if (signer.isEmpty()) {
      errs.required(sp.child("signerName"), "");
    } else if (!SIGNER.matcher(signer).matches()) {
      errs.invalid(
          sp.child("signerName"),
          signer,
          "must be a fully qualified domain and path of the form 'example.com/signer-name'");
    }
    List<String> usages = Json.strings(spec, "usages");
    if (usages.isEmpty()) {
      errs.required(sp.child("usages"), "usages must be provided");
    }
    for (int i = 0; i < usages.size(); i++) {
      if (!USAGES.contains(usages.get(i))) {
        errs.notSupported(
            sp.child("usages").index(i),
            usages.get(i),
            USAGES.stream().sorted().toArray(String[]::new));
      }
    }
    if (Json.has(spec, "expirationSeconds") && Json.integer(spec, 0, "expirationSeconds") < 600) {
      errs.invalid(
          sp.child("expirationSeconds"),
          Json.integer(spec, 0, "expirationSeconds"),
          "may not specify a duration less than 600 seconds (10 minutes)");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode csr, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validateConditions(csr, old));
    String cert = Json.text(csr, "status", "certificate");
    if (!cert.isEmpty() && !cert.equals(Json.text(old, "status", "certificate"))) {
      if (!Json.text(old, "status", "certificate").isEmpty()) {
        errs.forbidden(
            FieldPath.of("status").child("certificate"),
            "updates may not modify existing certificate content");
      } else if (!hasCondition(csr, "Approved") || hasCondition(csr, "Failed")) {
        errs.invalid(
            FieldPath.of("status").child("certificate"),
            "<certificate data>",
            "certificate can only be set on an approved request that has not failed");
      }
    }
    return errs.toList();
  }

  /** Conditions may be added but a decision (Approved, Denied) never removed or reversed. */
  public static List<FieldError> validateConditions(ObjectNode csr, ObjectNode old) {
    ErrorList errs = new ErrorList();
    FieldPath cp = FieldPath.of("status").child("conditions");
    List<String> seen = new ArrayList<>();
    int i = 0;
    for (JsonNode c : csr.path("status").path("conditions")) {
      String type = c.path("type").asText("");
      errs.oneOf(cp.index(i).child("type"), type, "Approved", "Denied", "Failed");
      String status = c.path("status").asText("");
      errs.oneOf(cp.index(i).child("status"), status, "True", "False", "Unknown");
      if ((type.equals("Approved") || type.equals("Denied")) && !status.equals("True")) {
        errs.notSupported(cp.index(i).child("status"), status, "True");
      }
      if (seen.contains(type)) {
        errs.duplicate(cp.index(i).child("type"), type);
      }
      seen.add(type);
      i++;
    }
    if (seen.contains("Approved") && seen.contains("Denied")) {
      errs.invalid(cp, "Approved", "Approved and Denied conditions are mutually exclusive");
    }
    for (String decision : List.of("Approved", "Denied")) {
      if (hasCondition(old, decision) && !seen.contains(decision)) {
        errs.forbidden(cp, "updates may not remove a condition of type \"" + decision + "\"");
      }
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.AGE,
        TableColumn.string("SignerName", "The signer the request is for."),
        TableColumn.string("Requestor", "The user who made the request."),
        TableColumn.string("RequestedDuration", "The validity asked for."),
        TableColumn.string("Condition", "The state of the request."));
  }

  @Override
  public List<Object> cells(ObjectNode csr, Instant now) {
    JsonNode spec = csr.path("spec");
    String duration =
        Json.has(spec, "expirationSeconds")
            ? Printing.humanDuration(Duration.ofSeconds(Json.integer(spec, 0, "expirationSeconds")))
            : "<none>";
    return List.of(
        Printing.name(csr),
        Printing.age(csr, now),
        Json.text(spec, "signerName"),
        Json.text(spec, "username"),
        duration,
        condition(csr));
  }

  /** Kubernetes' CONDITION column: the decisions and whether a certificate was issued. */
  static String condition(JsonNode csr) {
    List<String> parts = new ArrayList<>();
    for (String type : List.of("Approved", "Denied", "Failed")) {
      if (hasCondition(csr, type)) {
        parts.add(type);
      }
    }
    if (parts.isEmpty()) {
      parts.add("Pending");
    }
    if (!Json.text(csr, "status", "certificate").isEmpty()) {
      parts.add("Issued");
    }
    return String.join(",", parts);
  }
}
