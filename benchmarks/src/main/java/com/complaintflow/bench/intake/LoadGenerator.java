package com.complaintflow.bench.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP load generator, in its own JVM so that it takes nothing from the measured intake's:
 * {@code LoadGenerator BODIES_FILE CONCURRENCY}, the API key in the environment variable
 * {@value #API_KEY_ENV}. A closed loop at fixed concurrency: CONCURRENCY threads, each sending one
 * request and waiting for its answer before the next, over one {@link HttpClient} (HTTP/1.1,
 * keep-alive). Every request is a JSON web complaint taken in turn from BODIES_FILE (one per line)
 * with a fresh {@code Idempotency-Key}, so none is a replay.
 *
 * <p>Over stdin/stdout: {@code run URL SECONDS} answers, after SECONDS of load against URL,
 * {@code RESULT <requests> <202 answers> <other answers> <errors> <elapsed ns> <p50 ns> <p99 ns>
 * <max ns> <status:count,...> <first error or ->}; latency is from sending a request to having read
 * its answer; elapsed from the start to the last answer; a request that failed without an answer
 * (connection error) counts as status -1. {@code stop} or end of input exits.
 */
public final class LoadGenerator {
  public static final String API_KEY_ENV = "BENCH_LOAD_API_KEY";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final List<byte[]> bodies;
  private final int concurrency;
  private final String apiKey;
  private final AtomicLong next = new AtomicLong();

  LoadGenerator(List<byte[]> bodies, int concurrency, String apiKey) {
    this.bodies = bodies;
    this.concurrency = concurrency;
    this.apiKey = apiKey;
  }

  public static void main(String[] args) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        bodies.add(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    String key = System.getenv(API_KEY_ENV);
    if (key == null || key.isBlank()) {
      System.out.println("ERROR no API key in " + API_KEY_ENV);
      System.exit(2);
    }
    LoadGenerator generator = new LoadGenerator(bodies, Integer.parseInt(args[1]), key);
    System.out.println("READY " + bodies.size());
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = commands.readLine()) != null) {
      String[] cmd = line.trim().split(" ");
      if (cmd[0].equals("run")) {
        System.out.println(generator.run(URI.create(cmd[1]), Duration.ofSeconds(Long.parseLong(cmd[2]))));
        System.out.flush();
      } else if (cmd[0].equals("stop")) {
        break;
      }
    }
    System.exit(0);
  }

  /** What one worker saw. */
  private static final class Worker {
    long[] latencies = new long[4096];
    int count;
    long errors;
    String firstError;
    long lastDone;
    final Map<Integer, Long> statuses = new TreeMap<>();

    void add(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }
  }

  String run(URI uri, Duration duration) throws InterruptedException {
    Worker[] workers = new Worker[concurrency];
    Thread[] threads = new Thread[concurrency];
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int t = 0; t < concurrency; t++) {
      Worker w = new Worker();
      workers[t] = w;
      threads[t] = new Thread(() -> loop(uri, end, w), "load-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long requests = 0;
    long errors = 0;
    long lastDone = start;
    Map<Integer, Long> statuses = new TreeMap<>();
    String firstError = null;
    for (Worker w : workers) {
      firstError = firstError != null ? firstError : w.firstError;
      requests += w.count;
      errors += w.errors;
      lastDone = Math.max(lastDone, w.lastDone);
      w.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
    }
    long[] all = new long[(int) requests];
    int at = 0;
    for (Worker w : workers) {
      System.arraycopy(w.latencies, 0, all, at, w.count);
      at += w.count;
    }
    Arrays.sort(all);
    long ok = statuses.getOrDefault(202, 0L);
    long other = requests - errors - ok;
    StringBuilder codes = new StringBuilder();
    statuses.forEach((k, v) -> codes.append(codes.length() == 0 ? "" : ",").append(k).append(':').append(v));
    return "RESULT " + requests + " " + ok + " " + other + " " + errors + " " + (lastDone - start) + " "
        + percentile(all, 50) + " " + percentile(all, 99) + " " + (all.length == 0 ? 0 : all[all.length - 1]) + " "
        + (codes.length() == 0 ? "-" : codes) + " "
        + (firstError == null ? "-" : firstError.replaceAll("\\s+", "_"));
  }

  private void loop(URI uri, long end, Worker w) {
    while (System.nanoTime() < end) {
      byte[] body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .header("X-Api-Key", apiKey)
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      long t0 = System.nanoTime();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        long done = System.nanoTime();
        w.add(done - t0);
        w.lastDone = done;
        w.statuses.merge(response.statusCode(), 1L, Long::sum);
      } catch (IOException e) {
        long done = System.nanoTime();
        w.add(done - t0);
        w.lastDone = done;
        w.errors++;
        if (w.firstError == null) {
          w.firstError = e.getClass().getSimpleName() + ":" + e.getMessage();
        }
        w.statuses.merge(-1, 1L, Long::sum);
        try {
          Thread.sleep(10); // a refused connection must not spin
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** A parsed RESULT line. */
  public record Result(long requests, long accepted, long otherAnswers, long errors, long elapsedNanos, long p50Nanos,
      long p99Nanos, long maxNanos, String statuses, String firstError) {
    public static Result parse(String line) {
      String[] p = line.split(" ");
      return new Result(Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
          Long.parseLong(p[5]), Long.parseLong(p[6]), Long.parseLong(p[7]), Long.parseLong(p[8]), p[9], p[10]);
    }

    public double requestsPerSecond() {
      return elapsedNanos == 0 ? Double.NaN : requests / (elapsedNanos / 1e9);
    }

    public long notAccepted() {
      return requests - accepted;
    }
  }
}
