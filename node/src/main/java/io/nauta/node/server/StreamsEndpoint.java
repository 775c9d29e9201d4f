package io.nauta.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.AttachRequest;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ExecRequest;
import io.nauta.node.pods.PodContainers;
import io.nauta.node.streaming.ContainerStreams;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /exec}, {@code /attach} and {@code /portForward}: asks the runtime (CRI Exec, Attach,
 * PortForward) for a stream of the pod's running container or sandbox and serves it with {@link
 * ContainerStreams}. Refusals are Status answers a kubelet would give.
 */
final class StreamsEndpoint {
  private final PodSource pods;
  private final CriClient cri;

  StreamsEndpoint(PodSource pods, CriClient cri) {
    this.pods = pods;
    this.cri = cri;
  }

  /** {@code verb} is exec or attach. */
  void remoteCommand(
      AgentRequest request, String verb, String namespace, String podName, String container) {
    Optional<Pod> pod = pods.pod(namespace, podName);
    if (pod.isEmpty()) {
      request.sendStatus(404, "NotFound", "pod does not exist");
      return;
    }
    boolean stdin = request.flag("stdin") || request.flag("input");
    boolean stdout = request.flag("stdout") || request.flag("output");
    boolean stderr = request.flag("stderr") || request.flag("error");
    boolean tty = request.flag("tty");
    if (!stdin && !stdout && !stderr) {
      request.sendStatus(400, "BadRequest", "you must specify at least 1 of stdin, stdout, stderr");
      return;
    }
    List<String> command = request.params("command");
    if (verb.equals("exec") && command.isEmpty()) {
      request.sendStatus(400, "BadRequest", "you must specify at least one command");
      return;
    }
    var running =
        PodContainers.latest(cri, pod.get(), container)
            .filter(c -> c.getState() == ContainerState.CONTAINER_RUNNING);
    if (running.isEmpty()) {
      request.sendStatus(404, "NotFound", "container not found (\"" + container + "\")");
      return;
    }
    String id = running.get().getId();
    // with a TTY, stderr is merged into stdout (CRI refuses both)
    boolean err = stderr && !tty;
    URI url;
    try {
      url =
          verb.equals("exec")
              ? cri.exec(
                  ExecRequest.newBuilder()
                      .setContainerId(id)
                      .addAllCmd(command)
                      .setTty(tty)
                      .setStdin(stdin)
                      .setStdout(stdout)
                      .setStderr(err)
                      .build())
              : cri.attach(
                  AttachRequest.newBuilder()
                      .setContainerId(id)
                      .setTty(tty)
                      .setStdin(stdin)
                      .setStdout(stdout)
                      .setStderr(err)
                      .build());
    } catch (CriException e) {
      request.sendStatus(500, "InternalError", e.getMessage());
      return;
    }
    ContainerStreams.remoteCommand(
        request,
        url,
        stdin,
        stdout,
        err,
        tty,
        verb + " " + namespace + "/" + podName + "/" + container);
  }

  void portForward(AgentRequest request, String namespace, String podName) {
    Optional<Pod> pod = pods.pod(namespace, podName);
    if (pod.isEmpty()) {
      request.sendStatus(404, "NotFound", "pod does not exist");
      return;
    }
    Optional<String> sandbox = PodContainers.sandboxId(cri, pod.get());
    if (sandbox.isEmpty()) {
      request.sendStatus(
          400, "BadRequest", "pod " + podName + " has no running sandbox to forward ports to");
      return;
    }
    List<Integer> ports = new ArrayList<>();
    for (String v : request.params("port")) {
      for (String p : v.split(",")) {
        try {
          ports.add(Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
          request.sendStatus(400, "BadRequest", "invalid port: " + p);
          return;
        }
      }
    }
    URI url;
    try {
      url = cri.portForward(sandbox.get(), ports);
    } catch (CriException e) {
      request.sendStatus(500, "InternalError", e.getMessage());
      return;
    }
    ContainerStreams.portForward(request, url);
  }
}
