package org.sightline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Posts a simulated multi-agency feed to the intake, as the agencies' systems would. */
@Command(
    name = "simulate",
    description = "Send a realistic multi-agency feed of sightings to the intake.")
final class SimulateCommand implements Callable<Integer> {

  @Option(
      names = "--intake",
      defaultValue = "http://localhost:8181",
      description = "Intake base URL")
  String intake;

  @Option(names = "--members", required = true, description = "Member directory (JSON)")
  Path members;

  @Option(
      names = "--keys",
      required = true,
      description = "Properties file: <agency id>=<API key>, one per agency")
  Path keys;

  @Option(names = "--rate", defaultValue = "20", description = "Sightings per second")
  double rate;

  @Option(
      names = "--count",
      defaultValue = "0",
      description = "How many to send; 0 = until stopped")
  long count;

  @Option(
      names = "--overlap",
      defaultValue = "0.35",
      description = "Share on circulating indicators")
  double overlap;

  @Option(names = "--invalid", defaultValue = "0.02", description = "Share of invalid input")
  double invalid;

  @Option(names = "--red", defaultValue = "0.08", description = "Share of TLP:RED sightings")
  double red;

  @Option(names = "--retract", defaultValue = "0.01", description = "Share of retractions")
  double retract;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the feed")
  long seed;

  @Option(
      names = "--out",
      description =
          "Write the feed of one agency (--agency) to this file as NDJSON instead of posting it:"
              + " a file for sightline import and the benchmarks")
  Path out;

  @Option(names = "--agency", description = "With --out: the agency whose sightings are written")
  String agency;

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    MemberDirectory all = MemberDirectory.load(members);
    Map<AgencyId, String> apiKeys = loadKeys(keys);
    // Only agencies the feed can sign for: an agency added since the key file was written is
    // named once, not skipped at every sighting.
    List<Agency> withKeys = new java.util.ArrayList<>();
    List<String> without = new java.util.ArrayList<>();
    for (Agency a : all.agencies()) {
      if (!a.enabled()) {
        continue;
      }
      if (apiKeys.containsKey(a.id())) {
        withKeys.add(a);
      } else {
        without.add(a.id().value());
      }
    }
    if (!without.isEmpty() && out == null) {
      System.err.println(
          "left out of the feed, no API key in "
              + keys
              + ": "
              + String.join(", ", without)
              + " (add '<agency>=<key>' lines there to include them)");
    }
    MemberDirectory directory =
        out != null
            ? all
            : new MemberDirectory(withKeys, all.countries(), all.accessProviders(), all.users());
    FeedGenerator feed =
        new FeedGenerator(
            directory,
            new FeedGenerator.Mix(overlap, invalid, red, out == null ? retract : 0, 40),
            seed,
            Clock.systemUTC());
    if (out != null) {
      return writeFile(feed, directory);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Semaphore inFlight = new Semaphore(32);
    long intervalNanos = (long) (1_000_000_000L / Math.max(rate, 0.001));
    long next = System.nanoTime();
    long sent = 0;
    long reportedAt = System.currentTimeMillis();
    System.out.printf(
        "simulating %d agencies of %d countries at %.0f/s to %s (Ctrl-C stops)%n",
        directory.agencies().stream().filter(a -> a.enabled()).count(),
        directory.countries().size(),
        rate,
        intake);
    var opening = feed.opening().iterator();
    while (count == 0 || sent < count) {
      FeedGenerator.Item item = opening.hasNext() ? opening.next() : feed.next();
      String key = apiKeys.get(item.agency());
      inFlight.acquire();
      post(http, key, item)
          .whenComplete(
              (r, e) -> {
                feed.settled(item, r != null && r.statusCode() == 202);
                inFlight.release();
              });
      sent++;
      next += intervalNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
      if (System.currentTimeMillis() - reportedAt > 10_000) {
        report();
        reportedAt = System.currentTimeMillis();
      }
    }
    inFlight.acquire(32);
    report();
    return failed.get() == 0 ? 0 : 1;
  }

  /** The sightings of one agency as NDJSON, invalid ones included, for an import. */
  private int writeFile(FeedGenerator feed, MemberDirectory directory) throws IOException {
    if (agency == null || count <= 0) {
      System.err.println("simulate: --out needs --agency <id> and --count N");
      return CanonCommand.INVALID;
    }
    AgencyId id = AgencyId.of(agency);
    if (directory.agency(id).filter(a -> a.enabled()).isEmpty()) {
      System.err.println("simulate: " + agency + " is not an enabled agency of " + members);
      return CanonCommand.INVALID;
    }
    long written = 0;
    try (java.io.BufferedWriter w = Files.newBufferedWriter(out)) {
      while (written < count) {
        FeedGenerator.Item item = feed.next();
        if (item.agency().equals(id) && item.retracts() == null) {
          w.write(item.json());
          w.write('\n');
          written++;
        }
      }
    }
    System.out.printf("wrote %d sightings of %s to %s%n", written, agency, out);
    return 0;
  }

  private CompletableFuture<HttpResponse<String>> post(
      HttpClient http, String key, FeedGenerator.Item item) {
    String path =
        item.retracts() == null
            ? "/api/v1/sightings"
            : "/api/v1/sightings/"
                + java.net.URLEncoder.encode(
                    item.retracts(), java.nio.charset.StandardCharsets.UTF_8)
                + "/retraction";
    String json = item.json();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(intake + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              } else if (response.statusCode() == 202) {
                accepted.incrementAndGet();
              } else if (response.statusCode() == 400) {
                refused.incrementAndGet();
              } else {
                failed.incrementAndGet();
                System.err.println(
                    "intake answered " + response.statusCode() + ": " + response.body());
              }
            });
  }

  private void report() {
    System.out.printf(
        "accepted %d, refused as invalid %d, failed %d%n",
        accepted.get(), refused.get(), failed.get());
  }

  static Map<AgencyId, String> loadKeys(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    Map<AgencyId, String> keys = new HashMap<>();
    p.forEach((agency, key) -> keys.put(AgencyId.of(agency.toString()), key.toString()));
    return keys;
  }
}
