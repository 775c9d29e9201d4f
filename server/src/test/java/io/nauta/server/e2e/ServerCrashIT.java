package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code nauta server} with SIGKILL while clients are creating objects over HTTPS,
 * restarts it, and checks that every create it acknowledged (201) is there, intact.
 */
class ServerCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 4;

  @TempDir Path dir;

  @Test
  void neverLosesAnAcknowledgedWriteOnKill9() throws Exception {
    Path data = dir.resolve("data");
    int port = NautaProcess.freePort();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    for (int round = 0; round < ROUNDS; round++) {
      NautaProcess server = NautaProcess.start(data, port);
      ApiClient api = new ApiClient(data, port);
      verify(api, acknowledged);
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> writers = new ArrayList<>();
      int r = round;
      for (int w = 0; w < 8; w++) {
        int writer = w;
        writers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; running.get(); i++) {
                        String name = "r" + r + "-w" + writer + "-" + i;
                        String body =
                            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                                + name
                                + "\"},\"data\":{\"payload\":\""
                                + "x".repeat(500)
                                + name
                                + "\"}}";
                        try {
                          HttpResponse<String> resp =
                              api.post("/api/v1/namespaces/default/configmaps", body);
                          if (resp.statusCode() == 201) {
                            acknowledged.add(name);
                          }
                        } catch (Exception e) {
                          return; // the server died mid-request: not acknowledged
                        }
                      }
                    }));
      }
      Thread.sleep(ThreadLocalRandom.current().nextLong(300, 1500));
      server.kill();
      running.set(false);
      for (Thread t : writers) {
        t.join();
      }
    }
    NautaProcess last = NautaProcess.start(data, port);
    try {
      verify(new ApiClient(data, port), acknowledged);
      assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 10);
    } finally {
      last.close();
    }
  }

  private static void verify(ApiClient api, Set<String> acknowledged) throws Exception {
    HttpResponse<String> list = api.get("/api/v1/namespaces/default/configmaps");
    assertThat(list.statusCode()).isEqualTo(200);
    Set<String> present = new HashSet<>();
    for (JsonNode item : JSON.readTree(list.body()).path("items")) {
      String name = item.path("metadata").path("name").asText();
      present.add(name);
      assertThat(item.path("data").path("payload").asText()).isEqualTo("x".repeat(500) + name);
    }
    assertThat(present).containsAll(acknowledged);
  }
}
