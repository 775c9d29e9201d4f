package io.nauta.apiserver.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.pki.CertificateAuthority;
import io.nauta.apiserver.pki.CertificateRequest;
import io.nauta.apiserver.pki.Pem;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.resources.certificates.CertificateSigningRequestStrategy;
import io.nauta.apiserver.status.ApiException;
import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches CertificateSigningRequests: auto-approves node client requests made with a bootstrap
 * token (or by the node itself, renewing), then signs approved requests for the signers it serves
 * ({@value CertificateSigningRequestStrategy#KUBELET_CLIENT_SIGNER} and {@value
 * CertificateSigningRequestStrategy#CLIENT_SIGNER}) with the cluster CA, or marks them Failed with
 * the reason. Other signers' requests are left alone. One worker thread; idempotent per object.
 */
public final class CertificateSigner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateSigner.class);
  static final String BOOTSTRAPPERS = "system:bootstrappers";
  static final String NODE_PREFIX = "system:node:";
  static final String NODES = "system:nodes";

  private final Registry registry;
  private final CertificateAuthority ca;
  private final Clock clock;
  private final ResourceType csrs;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("certificate-signer").unstarted(r));
  private volatile Watch watch;

  public CertificateSigner(Registry registry, CertificateAuthority ca, Clock clock) {
    this.registry = registry;
    this.ca = ca;
    this.clock = clock;
    this.csrs =
        registry
            .catalog()
            .find(CertificateSigningRequestStrategy.GROUP, "v1", "certificatesigningrequests")
            .orElseThrow();
  }

  /** Handles the requests there are, then every change. */
  public void start() {
    long rev = registry.store().currentRevision();
    for (ObjectNode csr : new Lister(registry).list(csrs, null, ListOptions.all()).items()) {
      String name = Meta.name(csr);
      worker.execute(() -> sync(name));
    }
    watch =
        registry
            .store()
            .watch(
                csrs.storagePrefix(),
                rev,
                new WatchListener() {
                  @Override
                  public void onEvent(Event e) {
                    if (e.type() == Event.Type.PUT) {
                      String name = Meta.name(Codec.parseStored(e.kv().value()));
                      worker.execute(() -> sync(name));
                    }
                  }

                  @Override
                  public void onError(StoreException error) {
                    if (error.code() != StoreException.Code.CLOSED) {
                      LOG.warn(
                          "certificate request watch ended: {}; restarting", error.getMessage());
                      worker.schedule(CertificateSigner.this::restart, 1, TimeUnit.SECONDS);
                    }
                  }
                });
  }

  private void restart() {
    Watch w = watch;
    if (w != null) {
      w.close();
    }
    start();
  }

  void sync(String name) {
    try {
      ObjectNode csr;
      try {
        csr = registry.get(csrs, null, name);
      } catch (ApiException e) {
        return;
      }
      Decision d = decide(csr);
      if (d instanceof Decision.Approve) {
        update(name, cur -> withCondition(cur, "Approved", "AutoApproved", AUTO_APPROVED));
      } else if (d instanceof Decision.Fail f) {
        update(name, cur -> withCondition(cur, "Failed", "SignerValidationFailure", f.message()));
      } else if (d instanceof Decision.Sign s) {
        String pem = Pem.encode(ca.signClient(s.request(), s.lifetime()));
        String b64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        update(
            name,
            cur -> {
              cur.with("status").put("certificate", b64);
              return cur;
            });
      }
    } catch (RuntimeException e) {
      LOG.warn("certificate request {}: {}", name, e.toString());
      worker.schedule(() -> sync(name), 2, TimeUnit.SECONDS);
    }
  }

  static final String AUTO_APPROVED =
      "Auto approving node client certificate of a node joining with a bootstrap token.";

  /** What to do with a request now. */
  sealed interface Decision {
    record Nothing() implements Decision {}

    record Approve() implements Decision {}

    record Fail(String message) implements Decision {}

    record Sign(CertificateRequest request, Duration lifetime) implements Decision {}
  }

  /** Pure: the next step for {@code csr}. */
  static Decision decide(JsonNode csr) {
    String signer = csr.path("spec").path("signerName").asText("");
    boolean served =
        signer.equals(CertificateSigningRequestStrategy.KUBELET_CLIENT_SIGNER)
            || signer.equals(CertificateSigningRequestStrategy.CLIENT_SIGNER);
    boolean approved = CertificateSigningRequestStrategy.hasCondition(csr, "Approved");
    boolean denied = CertificateSigningRequestStrategy.hasCondition(csr, "Denied");
    if (!served
        || denied
        || CertificateSigningRequestStrategy.hasCondition(csr, "Failed")
        || !csr.path("status").path("certificate").asText("").isEmpty()) {
      return new Decision.Nothing();
    }
    Optional<CertificateRequest> req =
        CertificateRequest.parse(CertificateSigningRequestStrategy.requestPem(csr));
    if (req.isEmpty()) {
      return approved
          ? new Decision.Fail("the request is not a valid PKCS#10 request")
          : new Decision.Nothing();
    }
    String problem = problem(signer, req.get(), csr.path("spec").path("usages"));
    if (!approved) {
      return problem == null && autoApprovable(signer, req.get(), csr.path("spec"))
          ? new Decision.Approve()
          : new Decision.Nothing();
    }
    if (problem != null) {
      return new Decision.Fail(problem);
    }
    long seconds = csr.path("spec").path("expirationSeconds").asLong(0);
    return new Decision.Sign(
        req.get(), seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofDays(365));
  }

  /** Why the signer refuses the request, or null. */
  static String problem(String signer, CertificateRequest req, JsonNode usages) {
    boolean clientAuth = false;
    for (JsonNode u : usages) {
      String usage = u.asText();
      switch (usage) {
        case "client auth" -> clientAuth = true;
        case "digital signature", "key encipherment" -> {}
        default -> {
          return "usage \"" + usage + "\" is not allowed for signer " + signer;
        }
      }
    }
    if (!clientAuth) {
      return "usage \"client auth\" is required for signer " + signer;
    }
    if (req.commonName().isEmpty()) {
      return "the subject has no common name";
    }
    if (signer.equals(CertificateSigningRequestStrategy.KUBELET_CLIENT_SIGNER)) {
      if (!req.commonName().startsWith(NODE_PREFIX)
          || req.commonName().length() == NODE_PREFIX.length()) {
        return "the common name must begin with \"" + NODE_PREFIX + "\"";
      }
      if (!req.organizations().equals(java.util.List.of(NODES))) {
        return "the subject's organization must be exactly \"" + NODES + "\"";
      }
    }
    return null;
  }

  /** A node client request from a bootstrap token, or from the node renewing its own identity. */
  static boolean autoApprovable(String signer, CertificateRequest req, JsonNode spec) {
    if (!signer.equals(CertificateSigningRequestStrategy.KUBELET_CLIENT_SIGNER)) {
      return false;
    }
    boolean bootstrapper = false;
    for (JsonNode g : spec.path("groups")) {
      bootstrapper |= g.asText().equals(BOOTSTRAPPERS);
    }
    return bootstrapper || spec.path("username").asText("").equals(req.commonName());
  }

  private ObjectNode withCondition(ObjectNode cur, String type, String reason, String message) {
    ObjectNode c = cur.with("status").withArray("conditions").addObject();
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    c.put("type", type);
    c.put("status", "True");
    c.put("reason", reason);
    c.put("message", message);
    c.put("lastUpdateTime", now);
    c.put("lastTransitionTime", now);
    return cur;
  }

  private void update(String name, java.util.function.UnaryOperator<ObjectNode> change) {
    registry.guaranteedUpdate(
        csrs,
        null,
        name,
        cur -> {
          Meta.of(cur).remove("resourceVersion");
          return change.apply(cur);
        },
        UpdatePart.DIRECT,
        WriteOptions.DEFAULT);
  }

  @Override
  public void close() {
    Watch w = watch;
    if (w != null) {
      w.close();
    }
    worker.shutdownNow();
  }
}
