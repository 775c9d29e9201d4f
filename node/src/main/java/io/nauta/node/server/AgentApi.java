package io.nauta.node.server;

import io.nauta.cri.CriClient;
import io.nauta.node.stats.StatsCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The agent's API, with a kubelet's paths: {@code /containerLogs/{ns}/{pod}/{container}}, {@code
 * /exec/{ns}/{pod}/{container}}, {@code /attach/{ns}/{pod}/{container}}, {@code
 * /portForward/{ns}/{pod}}, {@code /stats/summary} and {@code /healthz}.
 */
public final class AgentApi implements AgentHandler {
  private final LogsEndpoint logs;
  private final StreamsEndpoint streams;
  private final StatsCollector stats;

  /**
   * @param logRoot where the pods' log directories are (the pod workers' log root)
   */
  public AgentApi(PodSource pods, CriClient cri, Path logRoot, StatsCollector stats, Clock clock) {
    this.logs = new LogsEndpoint(pods, cri, logRoot, clock);
    this.streams = new StreamsEndpoint(pods, cri);
    this.stats = stats;
  }

  @Override
  public void handle(AgentRequest request) throws Exception {
    List<String> p = Arrays.stream(request.path().split("/")).filter(s -> !s.isEmpty()).toList();
    String first = p.isEmpty() ? "" : p.get(0);
    boolean get = request.method().equals("GET");
    boolean getOrPost = get || request.method().equals("POST");
    switch (first) {
      case "healthz" -> request.send(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
      case "containerLogs" -> {
        if (get && p.size() == 4) {
          logs.serve(request, p.get(1), p.get(2), p.get(3));
          return;
        }
        notFound(request);
      }
      case "exec", "attach" -> {
        // a kubelet also takes /{verb}/{ns}/{pod}/{uid}/{container}
        if (getOrPost && (p.size() == 4 || p.size() == 5)) {
          streams.remoteCommand(request, first, p.get(1), p.get(2), p.get(p.size() - 1));
          return;
        }
        notFound(request);
      }
      case "portForward" -> {
        if (getOrPost && (p.size() == 3 || p.size() == 4)) {
          streams.portForward(request, p.get(1), p.get(2));
          return;
        }
        notFound(request);
      }
      case "stats" -> {
        if (get && p.size() == 2 && p.get(1).equals("summary") && stats != null) {
          request.send(
              200, "application/json", stats.summary().toString().getBytes(StandardCharsets.UTF_8));
          return;
        }
        notFound(request);
      }
      default -> notFound(request);
    }
  }

  private static void notFound(AgentRequest request) {
    request.sendStatus(404, "NotFound", "the server could not find the requested resource");
  }
}
