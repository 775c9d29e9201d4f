package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Cluster DNS throughput and latency: creates {@code services} ClusterIP Services and a tenth as
 * many headless ones with 10 ready endpoints each, waits until the DNS server answers for the last,
 * then keeps {@code window} UDP queries in flight on each of {@code clients} sockets for {@code
 * seconds} (after a 2 s unmeasured warm-up), asking for cluster names in a fixed mix: Service A
 * records, headless A records, SRV records and search-path expansions (NXDOMAIN), as pods with
 * ndots:5 do. Prints queries/s and p50/p99 latency; a query without a reply within 1 s is lost.
 *
 * <p>Usage: {@code DnsThroughput KUBECONFIG DNS_HOST:PORT [services=1000] [seconds=10] [clients=4]
 * [window=32]}.
 */
public final class DnsThroughput {
  private static final String NS = "default";

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    String[] hp = args[1].split(":");
    InetSocketAddress dns = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
    int services = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int clients = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    int window = args.length > 5 ? Integer.parseInt(args[5]) : 32;
    int headless = Math.max(1, services / 10);
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      long t0 = System.nanoTime();
      populate(client, services, headless);
      awaitAnswer(dns, "h" + (headless - 1) + "." + NS + ".svc.cluster.local.", 10);
      awaitAnswer(dns, "s" + (services - 1) + "." + NS + ".svc.cluster.local.", 1);
      System.out.printf(
          "setup: %d services + %d headless services (%d endpoints) created and answered in %.1f s%n",
          services, headless, headless * 10, (System.nanoTime() - t0) / 1e9);
    }
    List<Query> queries = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      String svc = "s" + i + "." + NS + ".svc.cluster.local.";
      queries.add(new Query(query(svc, Type.A), 0));
      queries.add(new Query(query(svc, Type.A), 0));
      // what a pod with ndots:5 asks first for a full name: its own namespace's search suffix
      queries.add(new Query(query(svc + NS + ".svc.cluster.local.", Type.A), 3));
      queries.add(new Query(query("_http._tcp." + svc, Type.SRV), 0));
      if (i < headless) {
        queries.add(new Query(query("h" + i + "." + NS + ".svc.cluster.local.", Type.A), 0));
      }
    }
    System.out.printf(
        "load: %d sockets x %d queries in flight for %d s after a 2 s warm-up, over %d distinct"
            + " queries: per Service 2 A, 1 search-path NXDOMAIN, 1 SRV; per headless Service 1 A"
            + " of 10 addresses%n",
        clients, window, seconds, queries.size());
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    List<Worker> workers = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      Worker w = new Worker(dns, queries, window, c, measuring, stop, done);
      workers.add(w);
      Thread t = new Thread(w, "dns-bench-" + c);
      t.setDaemon(true);
      t.start();
    }
    Thread.sleep(2000);
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    done.await();
    long answered = 0;
    long lost = 0;
    long failed = 0;
    int n = 0;
    for (Worker w : workers) {
      answered += w.count;
      lost += w.lost;
      failed += w.failed;
      n += w.count;
    }
    long[] all = new long[n];
    int at = 0;
    for (Worker w : workers) {
      System.arraycopy(w.latencies, 0, all, at, w.count);
      at += w.count;
    }
    Arrays.sort(all);
    System.out.printf(
        "DNS: %d queries in %.1f s = %.0f queries/s; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms;"
            + " lost %d, wrong answers %d%n",
        answered,
        elapsed,
        answered / elapsed,
        pct(all, 0.50),
        pct(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6,
        lost,
        failed);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6;
  }

  private static void populate(KubernetesClient client, int services, int headless) {
    var svcs = client.services().inNamespace(NS);
    for (int i = 0; i < services; i++) {
      svcs.resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName("s" + i)
                  .endMetadata()
                  .withNewSpec()
                  .withClusterIP("10.43." + (100 + i / 250) + "." + (i % 250 + 1))
                  .addNewPort()
                  .withName("http")
                  .withPort(80)
                  .endPort()
                  .endSpec()
                  .build())
          .createOr(r -> r.update());
    }
    for (int i = 0; i < headless; i++) {
      svcs.resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName("h" + i)
                  .endMetadata()
                  .withNewSpec()
                  .withClusterIP("None")
                  .addNewPort()
                  .withName("http")
                  .withPort(80)
                  .endPort()
                  .endSpec()
                  .build())
          .createOr(r -> r.update());
      EndpointSliceBuilder slice =
          new EndpointSliceBuilder()
              .withNewMetadata()
              .withName("h" + i + "-1")
              .withLabels(Map.of("kubernetes.io/service-name", "h" + i))
              .endMetadata()
              .withAddressType("IPv4")
              .addNewPort()
              .withName("http")
              .withPort(8080)
              .withProtocol("TCP")
              .endPort();
      for (int e = 0; e < 10; e++) {
        slice.addToEndpoints(
            new EndpointBuilder()
                .withAddresses("10.42." + (i % 250) + "." + (e + 10))
                .withNewConditions()
                .withReady(true)
                .endConditions()
                .build());
      }
      client
          .discovery()
          .v1()
          .endpointSlices()
          .inNamespace(NS)
          .resource(slice.build())
          .createOr(r -> r.update());
    }
  }

  private static void awaitAnswer(InetSocketAddress dns, String name, int records)
      throws Exception {
    SimpleResolver r = new SimpleResolver(dns);
    r.setTimeout(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Message m =
          r.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
      if (m.getSection(org.xbill.DNS.Section.ANSWER).size() == records) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the DNS server never answered for " + name);
  }

  /** A query's wire form and the rcode its reply must carry. */
  private record Query(byte[] wire, int rcode) {}

  private static byte[] query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)).toWire();
  }

  /** One socket keeping {@code window} queries in flight, matching replies by ID. */
  private static final class Worker implements Runnable {
    private static final long LOST_NANOS = 1_000_000_000L;
    private final InetSocketAddress dns;
    private final List<Query> queries;
    private final int window;
    private final AtomicBoolean measuring;
    private final AtomicBoolean stop;
    private final CountDownLatch done;
    private final long[] sentAt = new long[65536];
    private final int[] expectRcode = new int[65536];
    private int next;
    private int nextId;
    long[] latencies = new long[1 << 20];
    int count;
    long lost;
    long failed;

    Worker(
        InetSocketAddress dns,
        List<Query> queries,
        int window,
        int seed,
        AtomicBoolean measuring,
        AtomicBoolean stop,
        CountDownLatch done) {
      this.dns = dns;
      this.queries = queries;
      this.window = window;
      this.measuring = measuring;
      this.stop = stop;
      this.done = done;
      this.next = seed * 7919;
      this.nextId = seed * 16384;
    }

    @Override
    public void run() {
      try (DatagramChannel ch = DatagramChannel.open();
          Selector sel = Selector.open()) {
        ch.connect(dns);
        ch.configureBlocking(false);
        ch.register(sel, SelectionKey.OP_READ);
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(512);
        int inFlight = 0;
        long lastSweep = System.nanoTime();
        while (!stop.get()) {
          while (inFlight < window) {
            Query query = queries.get(next++ % queries.size());
            byte[] q = query.wire();
            int id = nextId++ & 0xffff;
            if (sentAt[id] != 0) {
              continue; // still waiting for that ID
            }
            out.clear();
            out.put((byte) (id >> 8)).put((byte) id).put(q, 2, q.length - 2).flip();
            expectRcode[id] = query.rcode();
            sentAt[id] = System.nanoTime();
            ch.write(out);
            inFlight++;
          }
          sel.select(5);
          sel.selectedKeys().clear();
          while (true) {
            in.clear();
            if (ch.read(in) <= 0) {
              break;
            }
            long now = System.nanoTime();
            int id = ((in.get(0) & 0xff) << 8) | (in.get(1) & 0xff);
            long t = sentAt[id];
            if (t == 0) {
              continue; // late reply to a query already counted lost
            }
            sentAt[id] = 0;
            inFlight--;
            if (measuring.get()) {
              if ((in.get(3) & 0x0f) != expectRcode[id]) {
                failed++;
              }
              if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
              }
              latencies[count++] = now - t;
            }
          }
          long now = System.nanoTime();
          if (now - lastSweep > LOST_NANOS / 4) {
            lastSweep = now;
            for (int id = 0; id < sentAt.length; id++) {
              if (sentAt[id] != 0 && now - sentAt[id] > LOST_NANOS) {
                sentAt[id] = 0;
                inFlight--;
                if (measuring.get()) {
                  lost++;
                }
              }
            }
          }
        }
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        done.countDown();
      }
    }
  }
}
