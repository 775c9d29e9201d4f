package io.nauta.cri;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.nauta.cri.v1.*;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A CRI {@code runtime.v1} client on a runtime's unix socket (containerd, CRI-O).
 *
 * <p>Every call carries a deadline ({@link #timeout()}, or {@link #pullTimeout()} for image pulls)
 * and either returns a value or throws {@link CriException} with the gRPC status code; nothing is
 * retried here. Instances are thread-safe and meant to be shared: one HTTP/2 connection carries all
 * calls. A {@code null} filter means "everything".
 */
public final class CriClient implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(10);
  private static final int MAX_MESSAGE_BYTES = 16 << 20;

  private final Path socket;
  private final Duration timeout;
  private final Duration pullTimeout;
  private final ManagedChannel channel;
  private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
  private final ImageServiceGrpc.ImageServiceBlockingStub images;

  private CriClient(Path socket, Duration timeout, Duration pullTimeout) {
    this.socket = socket.toAbsolutePath();
    this.timeout = timeout;
    this.pullTimeout = pullTimeout;
    this.channel =
        Grpc.newChannelBuilder("unix://" + this.socket, InsecureChannelCredentials.create())
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
    this.runtime = RuntimeServiceGrpc.newBlockingStub(channel);
    this.images = ImageServiceGrpc.newBlockingStub(channel);
  }

  /** A client on {@code socket} with the default deadlines. Connects lazily, on the first call. */
  public static CriClient connect(Path socket) {
    return connect(socket, DEFAULT_TIMEOUT, DEFAULT_PULL_TIMEOUT);
  }

  /** A client on {@code socket}: {@code timeout} bounds each call, {@code pullTimeout} a pull. */
  public static CriClient connect(Path socket, Duration timeout, Duration pullTimeout) {
    return new CriClient(socket, timeout, pullTimeout);
  }

  public Path socket() {
    return socket;
  }

  public Duration timeout() {
    return timeout;
  }

  public Duration pullTimeout() {
    return pullTimeout;
  }

  // ---- runtime ----

  /** The runtime's name and versions; the cheapest call, used as a liveness check. */
  public VersionResponse version() {
    return call("Version", "", () -> rt(timeout).version(VersionRequest.getDefaultInstance()));
  }

  /** Like {@link #version()} with its own deadline (e.g. a short one while waiting for a start). */
  public VersionResponse version(Duration deadline) {
    return call("Version", "", () -> rt(deadline).version(VersionRequest.getDefaultInstance()));
  }

  /** The runtime's conditions (RuntimeReady, NetworkReady). */
  public RuntimeStatus status() {
    return call("Status", "", () -> rt(timeout).status(StatusRequest.getDefaultInstance()))
        .getStatus();
  }

  /**
   * The runtime's verbose status information (containerd: {@code config} holds its CRI plugin
   * configuration as JSON, e.g. whether runc uses the systemd cgroup driver). May be empty.
   */
  public java.util.Map<String, String> statusInfo() {
    var request = StatusRequest.newBuilder().setVerbose(true).build();
    return call("Status", "", () -> rt(timeout).status(request)).getInfoMap();
  }

  /** Creates and starts a pod sandbox (network namespace, CNI ADD) and returns its id. */
  public String runPodSandbox(PodSandboxConfig config) {
    return runPodSandbox(config, "");
  }

  /** As {@link #runPodSandbox(PodSandboxConfig)} with a runtime handler ("" = the default one). */
  public String runPodSandbox(PodSandboxConfig config, String runtimeHandler) {
    var request =
        RunPodSandboxRequest.newBuilder()
            .setConfig(config)
            .setRuntimeHandler(runtimeHandler)
            .build();
    String name = config.getMetadata().getNamespace() + "/" + config.getMetadata().getName();
    return call("RunPodSandbox", name, () -> rt(timeout).runPodSandbox(request)).getPodSandboxId();
  }

  /** Stops the sandbox and its containers and releases its network. Idempotent. */
  public void stopPodSandbox(String podSandboxId) {
    var request = StopPodSandboxRequest.newBuilder().setPodSandboxId(podSandboxId).build();
    call("StopPodSandbox", podSandboxId, () -> rt(timeout).stopPodSandbox(request));
  }

  /** Removes the sandbox and its containers. Idempotent: an absent sandbox is no error. */
  public void removePodSandbox(String podSandboxId) {
    var request = RemovePodSandboxRequest.newBuilder().setPodSandboxId(podSandboxId).build();
    call("RemovePodSandbox", podSandboxId, () -> rt(timeout).removePodSandbox(request));
  }

  /** The sandbox's state and network; throws {@link CriException} (NOT_FOUND) if absent. */
  public PodSandboxStatus podSandboxStatus(String podSandboxId) {
    var request = PodSandboxStatusRequest.newBuilder().setPodSandboxId(podSandboxId).build();
    return call("PodSandboxStatus", podSandboxId, () -> rt(timeout).podSandboxStatus(request))
        .getStatus();
  }

  /** The sandboxes matching {@code filter} ({@code null}: all). */
  public List<PodSandbox> listPodSandbox(PodSandboxFilter filter) {
    var request = ListPodSandboxRequest.newBuilder();
    if (filter != null) request.setFilter(filter);
    return call("ListPodSandbox", "", () -> rt(timeout).listPodSandbox(request.build()))
        .getItemsList();
  }

  /** Creates (does not start) a container in a sandbox and returns its id. */
  public String createContainer(
      String podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
    var request =
        CreateContainerRequest.newBuilder()
            .setPodSandboxId(podSandboxId)
            .setConfig(config)
            .setSandboxConfig(sandboxConfig)
            .build();
    String target = podSandboxId + "/" + config.getMetadata().getName();
    return call("CreateContainer", target, () -> rt(timeout).createContainer(request))
        .getContainerId();
  }

  public void startContainer(String containerId) {
    var request = StartContainerRequest.newBuilder().setContainerId(containerId).build();
    call("StartContainer", containerId, () -> rt(timeout).startContainer(request));
  }

  /**
   * Sends the stop signal, then SIGKILL after {@code gracePeriod} (whole seconds). Idempotent. The
   * call's deadline is extended by the grace period.
   */
  public void stopContainer(String containerId, Duration gracePeriod) {
    var request =
        StopContainerRequest.newBuilder()
            .setContainerId(containerId)
            .setTimeout(gracePeriod.toSeconds())
            .build();
    Duration deadline = timeout.plus(gracePeriod);
    call("StopContainer", containerId, () -> rt(deadline).stopContainer(request));
  }

  /** Removes the container (killing it if running). Idempotent. */
  public void removeContainer(String containerId) {
    var request = RemoveContainerRequest.newBuilder().setContainerId(containerId).build();
    call("RemoveContainer", containerId, () -> rt(timeout).removeContainer(request));
  }

  /** The containers matching {@code filter} ({@code null}: all). */
  public List<Container> listContainers(ContainerFilter filter) {
    var request = ListContainersRequest.newBuilder();
    if (filter != null) request.setFilter(filter);
    return call("ListContainers", "", () -> rt(timeout).listContainers(request.build()))
        .getContainersList();
  }

  /** State, exit code, reason and times of a container; NOT_FOUND if absent. */
  public ContainerStatus containerStatus(String containerId) {
    var request = ContainerStatusRequest.newBuilder().setContainerId(containerId).build();
    return call("ContainerStatus", containerId, () -> rt(timeout).containerStatus(request))
        .getStatus();
  }

  public void updateContainerResources(String containerId, LinuxContainerResources resources) {
    var request =
        UpdateContainerResourcesRequest.newBuilder()
            .setContainerId(containerId)
            .setLinux(resources)
            .build();
    call(
        "UpdateContainerResources",
        containerId,
        () -> rt(timeout).updateContainerResources(request));
  }

  /** Asks the runtime to reopen the container's log file (after rotation). */
  public void reopenContainerLog(String containerId) {
    var request = ReopenContainerLogRequest.newBuilder().setContainerId(containerId).build();
    call("ReopenContainerLog", containerId, () -> rt(timeout).reopenContainerLog(request));
  }

  /**
   * Runs {@code cmd} in the container and waits for it; {@code commandTimeout} (whole seconds, zero
   * = none) bounds the command, the call's deadline is that plus {@link #timeout()}.
   */
  public ExecResult execSync(String containerId, List<String> cmd, Duration commandTimeout) {
    var request =
        ExecSyncRequest.newBuilder()
            .setContainerId(containerId)
            .addAllCmd(cmd)
            .setTimeout(commandTimeout.toSeconds())
            .build();
    Duration deadline = timeout.plus(commandTimeout);
    ExecSyncResponse response = call("ExecSync", containerId, () -> rt(deadline).execSync(request));
    return new ExecResult(
        response.getExitCode(),
        response.getStdout().toByteArray(),
        response.getStderr().toByteArray());
  }

  /** The URL of the runtime's streaming server for this exec. */
  public URI exec(ExecRequest request) {
    return URI.create(
        call("Exec", request.getContainerId(), () -> rt(timeout).exec(request)).getUrl());
  }

  /** The URL of the runtime's streaming server for attaching to the container. */
  public URI attach(AttachRequest request) {
    return URI.create(
        call("Attach", request.getContainerId(), () -> rt(timeout).attach(request)).getUrl());
  }

  /** The URL of the runtime's streaming server forwarding {@code ports} of the sandbox. */
  public URI portForward(String podSandboxId, List<Integer> ports) {
    var request =
        PortForwardRequest.newBuilder().setPodSandboxId(podSandboxId).addAllPort(ports).build();
    return URI.create(
        call("PortForward", podSandboxId, () -> rt(timeout).portForward(request)).getUrl());
  }

  public ContainerStats containerStats(String containerId) {
    var request = ContainerStatsRequest.newBuilder().setContainerId(containerId).build();
    return call("ContainerStats", containerId, () -> rt(timeout).containerStats(request))
        .getStats();
  }

  /** Stats of the running containers matching {@code filter} ({@code null}: all). */
  public List<ContainerStats> listContainerStats(ContainerStatsFilter filter) {
    var request = ListContainerStatsRequest.newBuilder();
    if (filter != null) request.setFilter(filter);
    return call("ListContainerStats", "", () -> rt(timeout).listContainerStats(request.build()))
        .getStatsList();
  }

  // ---- images ----

  /** The images matching {@code filter} ({@code null}: all). */
  public List<Image> listImages(ImageFilter filter) {
    var request = ListImagesRequest.newBuilder();
    if (filter != null) request.setFilter(filter);
    return call("ListImages", "", () -> img(timeout).listImages(request.build())).getImagesList();
  }

  /** The image named {@code image} (reference or id), or empty when it is not present. */
  public Optional<Image> imageStatus(String image) {
    var request = ImageStatusRequest.newBuilder().setImage(spec(image)).build();
    ImageStatusResponse response =
        call("ImageStatus", image, () -> img(timeout).imageStatus(request));
    return response.hasImage() ? Optional.of(response.getImage()) : Optional.empty();
  }

  /**
   * Pulls {@code image} and returns its reference (image id). {@code auth} and {@code
   * sandboxConfig} may be {@code null}. Bounded by {@link #pullTimeout()}.
   */
  public String pullImage(String image, AuthConfig auth, PodSandboxConfig sandboxConfig) {
    var request = PullImageRequest.newBuilder().setImage(spec(image));
    if (auth != null) request.setAuth(auth);
    if (sandboxConfig != null) request.setSandboxConfig(sandboxConfig);
    return call("PullImage", image, () -> img(pullTimeout).pullImage(request.build()))
        .getImageRef();
  }

  /** Removes the image. Idempotent. */
  public void removeImage(String image) {
    var request = RemoveImageRequest.newBuilder().setImage(spec(image)).build();
    call("RemoveImage", image, () -> img(timeout).removeImage(request));
  }

  /** Usage of the filesystem(s) holding images. */
  public List<FilesystemUsage> imageFsInfo() {
    return call(
            "ImageFsInfo",
            "",
            () -> img(timeout).imageFsInfo(ImageFsInfoRequest.getDefaultInstance()))
        .getImageFilesystemsList();
  }

  /** Closes the connection; calls in flight are cancelled. Idempotent. */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub rt(Duration deadline) {
    return runtime.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private ImageServiceGrpc.ImageServiceBlockingStub img(Duration deadline) {
    return images.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ImageSpec spec(String image) {
    return ImageSpec.newBuilder().setImage(image).build();
  }

  private static <T> T call(String operation, String target, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw CriException.of(operation, target, e);
    }
  }
}
