package org.sightline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sightline.imports.ImportDefaults;
import org.sightline.imports.ImportFormat;
import org.sightline.imports.ImportFormatException;
import org.sightline.imports.ImportIds;
import org.sightline.imports.ImportItem;
import org.sightline.imports.ImportNotice;
import org.sightline.imports.ImportReader;
import org.sightline.indicator.FederationKey;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.indicator.Pseudonyms;
import org.sightline.sighting.FieldError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a file of sightings through the intake's batch endpoint: the file is read here with the
 * intake's own readers (so ids derived from the content are the intake's), sent as NDJSON batches,
 * and every batch the intake acknowledged is written to a journal. Killed and run again, the import
 * resumes after the last acknowledged batch; the ids make the resend of the batches that were in
 * flight harmless.
 */
@Command(
    name = "import",
    description = {
      "Import a file of sightings (NDJSON, CSV, VICS JSON, STIX 2.1 bundle) into the intake, with"
          + " progress, rate and ETA, and a summary of what was accepted and refused.",
      "Interrupted, it resumes where the intake last confirmed (journal FILE.sightline-import);"
          + " each sighting is written once.",
      "Exit 0 all accepted, 1 some items refused (reasons on stderr / --rejections), 2 the file"
          + " or the options cannot be used, 3 intake unavailable: run again to resume."
    })
final class ImportCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String JOURNAL_SUFFIX = ".sightline-import";
  private static final int SHOWN_REJECTIONS = 20;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to import")
  Path file;

  @Option(
      names = "--format",
      description = "ndjson, csv, vics or stix (default: from the name and the content)")
  String format;

  /** --intake, --key. */
  @Mixin IntakeOptions agency = new IntakeOptions();

  /** --federation-key, --country. */
  @Mixin PseudonymOptions pseudonyms = new PseudonymOptions();

  @Option(names = "--tlp", description = "TLP of items that carry none (VICS: required)")
  String tlp;

  @Option(names = "--category", description = "Category of items that carry none")
  String category;

  @Option(names = "--confidence", description = "0-100, for items that carry none (VICS: required)")
  Integer confidence;

  @Option(names = "--case-ref", description = "Case reference of items that carry none")
  String caseRef;

  @Option(
      names = "--vics-categories",
      description = "VICS category numbers to categories, e.g. 1=CSAM,2=CSEM_OTHER,0=SKIP")
  String vicsCategories;

  @Option(names = "--batch-size", defaultValue = "5000", description = "Items per request")
  int batchSize;

  @Option(names = "--parallel", defaultValue = "2", description = "Batches in flight")
  int parallel;

  @Option(names = "--journal", description = "Journal file (default: FILE" + JOURNAL_SUFFIX + ")")
  Path journalPath;

  @Option(names = "--restart", description = "Ignore the journal and send the whole file again")
  boolean restart;

  @Option(names = "--rejections", description = "Append every refused item to this file (NDJSON)")
  Path rejectionsFile;

  @Option(names = "--no-progress", description = "No progress bar (a line every 10 s instead)")
  boolean noProgress;

  /** Test hook: stop after this many batches were acknowledged, before journaling the last. */
  @Option(names = "--interrupt-after-batches", hidden = true, defaultValue = "0")
  int interruptAfterBatches;

  PrintStream out = System.out;
  PrintStream err = System.err;

  /** Thrown to leave the import: the exit status and what to say. */
  private static final class Stop extends RuntimeException {
    final int status;

    Stop(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** Items sent (or refused here) together. */
  private static final class Batch {
    long endIndex;
    final List<ImportItem> sent = new ArrayList<>();
    final List<ImportItem> refusedHere = new ArrayList<>();
    CompletableFuture<HttpResponse<String>> response;
    String body;
  }

  private ImportJournal journal;
  private IntakeClient client;
  private ProgressBar progress;
  private Writer rejections;
  private long shownRejections;
  private long settledBatches;
  private long itemsRead;
  private long thisRun;
  private final Map<String, List<ImportNotice>> notices = new TreeMap<>();

  @Override
  public Integer call() {
    try {
      return run();
    } catch (Stop s) {
      if (progress != null) {
        progress.close();
      }
      err.println("import: " + s.getMessage());
      return s.status;
    } catch (IOException e) {
      if (progress != null) {
        progress.close();
      }
      err.println("import: " + e.getMessage());
      return CanonCommand.INVALID;
    } finally {
      closeRejections();
    }
  }

  private int run() throws IOException {
    if (!agency.hasKey()) {
      throw new Stop(
          CanonCommand.INVALID, "the agency's API key is required (--key or SIGHTLINE_API_KEY)");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new Stop(CanonCommand.INVALID, file + " is not a readable file");
    }
    if (batchSize < 1 || parallel < 1) {
      throw new Stop(CanonCommand.INVALID, "--batch-size and --parallel must be at least 1");
    }
    ImportFormat importFormat = format();
    FederationKey pseudonymKey;
    try {
      pseudonymKey = pseudonyms.key();
    } catch (IllegalArgumentException e) {
      throw new Stop(CanonCommand.INVALID, e.getMessage());
    }
    ImportDefaults defaults;
    try {
      defaults = ImportDefaults.parse(tlp, category, confidence, caseRef, vicsCategories);
    } catch (ImportFormatException e) {
      throw new Stop(CanonCommand.INVALID, "--" + option(e.field()) + ": " + e.reason());
    }
    Path jp =
        journalPath != null
            ? journalPath
            : file.resolveSibling(file.getFileName() + JOURNAL_SUFFIX);
    ImportJournal current = ImportJournal.fresh(jp, file, importFormat.word(), describe(defaults));
    ImportJournal previous = restart ? null : ImportJournal.load(jp);
    if (previous != null) {
      String mismatch = previous.mismatch(current);
      if (mismatch != null) {
        throw new Stop(
            CanonCommand.INVALID,
            "the journal " + jp + " cannot be resumed: " + mismatch + "; use --restart");
      }
      if (previous.complete) {
        err.println(
            "import: "
                + file
                + " was imported completely ("
                + previous.updated
                + "; journal "
                + jp
                + "); --restart sends it again");
        summary(previous, importFormat, null);
        return previous.rejected > 0 ? 1 : 0;
      }
      err.println(
          "import: resuming after item "
              + previous.acknowledged
              + " (the intake confirmed "
              + previous.batches
              + " batches; journal "
              + jp
              + ")");
      journal = previous;
    } else {
      journal = current;
    }
    client = agency.client();
    long started = System.nanoTime();
    long skip = journal.acknowledged;
    progress = progressBar(importFormat, skip);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 256 * 1024);
        ImportReader reader = ImportReader.open(importFormat, in, defaults)) {
      Deque<Batch> inFlight = new ArrayDeque<>();
      long index = 0;
      Batch batch = null;
      for (ImportItem item = reader.next(); item != null; item = reader.next()) {
        collect(reader.drainNotices());
        index++;
        if (index <= skip) {
          continue;
        }
        if (batch == null) {
          batch = new Batch();
        }
        item = pseudonymised(item, importFormat, pseudonymKey);
        (item.ok() ? batch.sent : batch.refusedHere).add(item);
        batch.endIndex = index;
        if (batch.sent.size() + batch.refusedHere.size() >= batchSize) {
          dispatch(batch, inFlight);
          batch = null;
        }
        if ((index & 255) == 0) {
          step(importFormat, index, reader);
        }
      }
      collect(reader.drainNotices());
      if (batch != null) {
        dispatch(batch, inFlight);
      }
      while (!inFlight.isEmpty()) {
        settle(inFlight.poll());
      }
      step(importFormat, index, reader);
      itemsRead = index;
    } catch (ImportFormatException e) {
      throw new Stop(
          CanonCommand.INVALID,
          file
              + ": "
              + (e.line() > 0 ? "line " + e.line() + ": " : "")
              + e.field()
              + ": "
              + e.reason()
              + (journal.acknowledged > 0
                  ? " (what came before is held; the journal says where)"
                  : ""));
    }
    journal.complete = true;
    journal.save();
    progress.close();
    progress = null;
    thisRun = index() - skip;
    summary(journal, importFormat, Duration.ofNanos(System.nanoTime() - started));
    return journal.rejected > 0 ? 1 : 0;
  }

  private void dispatch(Batch batch, Deque<Batch> inFlight) throws IOException {
    while (inFlight.size() >= parallel) {
      settle(inFlight.poll());
    }
    if (!batch.sent.isEmpty()) {
      StringBuilder body = new StringBuilder(batch.sent.size() * 300);
      for (ImportItem item : batch.sent) {
        body.append(item.sighting().toString()).append('\n');
      }
      batch.body = body.toString();
      batch.response = send(batch.body);
    }
    inFlight.add(batch);
  }

  private CompletableFuture<HttpResponse<String>> send(String body) {
    return client.postAsync(
        "/api/v1/sightings/batch?acceptedIds=false", ImportFormat.NDJSON.mediaType(), body);
  }

  /** Waits for a batch, retrying while the intake is unavailable, then journals it. */
  private void settle(Batch batch) throws IOException {
    for (ImportItem item : batch.refusedHere) {
      rejected(item, item.labelled(item.errors()));
    }
    if (batch.response != null) {
      JsonNode report = acknowledged(batch);
      journal.accepted += report.path("accepted").asLong();
      journal.duplicates += report.path("duplicates").asLong();
      for (JsonNode r : report.path("rejections")) {
        int line = r.path("line").asInt();
        ImportItem item = line >= 1 && line <= batch.sent.size() ? batch.sent.get(line - 1) : null;
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode e : r.path("errors")) {
          String field = e.path("field").asText();
          errors.add(
              new FieldError(item == null ? field : item.label(field), e.path("reason").asText()));
        }
        if (item == null) {
          rejected(new ImportItem(0, "batch line " + line, null, List.of(), Map.of()), errors);
        } else {
          rejected(item, errors);
        }
      }
    }
    settledBatches++;
    if (interruptAfterBatches > 0 && settledBatches >= interruptAfterBatches) {
      throw new Stop(130, "interrupted (test hook) after batch " + settledBatches);
    }
    journal.acknowledged = batch.endIndex;
    journal.batches++;
    journal.save();
    progress.setExtraMessage("accepted " + journal.accepted + ", refused " + journal.rejected);
  }

  /** The intake's report for a batch, once every accepted item in it is held. */
  private JsonNode acknowledged(Batch batch) {
    CompletableFuture<HttpResponse<String>> pending = batch.response;
    String lastProblem = null;
    for (int attempt = 0; attempt < 6; attempt++) {
      if (attempt > 0) {
        sleep(Duration.ofSeconds(1L << Math.min(attempt - 1, 4)));
        pending = send(batch.body);
      }
      HttpResponse<String> response;
      try {
        response = pending.join();
      } catch (CompletionException e) {
        lastProblem = "cannot reach the intake at " + client.base() + ": " + rootMessage(e);
        continue;
      }
      JsonNode body = Answers.parse(response.body());
      switch (response.statusCode()) {
        case 200:
          return body;
        case 503:
          lastProblem = "the intake did not confirm storage: " + body.path("error").asText();
          continue;
        case 401:
          throw new Stop(
              CanonCommand.INVALID, "the intake refused the key: " + body.path("error").asText());
        case 413:
          throw new Stop(
              CanonCommand.INVALID,
              body.path("error").asText() + " (a smaller --batch-size helps)");
        default:
          throw new Stop(
              CanonCommand.INVALID,
              "the intake answered "
                  + response.statusCode()
                  + ": "
                  + body.path("error").asText(response.body()));
      }
    }
    throw new Stop(
        IntakeClient.UNAVAILABLE,
        lastProblem + "; run the same command again to resume after item " + journal.acknowledged);
  }

  /**
   * The item with its personal identifiers pseudonymised (and its id, when it was derived from the
   * content, derived again from what is sent); an identifier that is not valid refuses the item.
   */
  private ImportItem pseudonymised(ImportItem item, ImportFormat format, FederationKey key) {
    if (key == null || !item.ok()) {
      return item;
    }
    ObjectNode original = item.sighting().deepCopy();
    try {
      if (Pseudonyms.pseudonymiseJson(item.sighting(), pseudonyms.country, key)
          && ImportIds.derive(format, original).equals(item.id())) {
        item.sighting().put("id", ImportIds.derive(format, item.sighting()));
      }
      return item;
    } catch (InvalidIndicatorException e) {
      return new ImportItem(
          item.line(),
          item.ref(),
          item.sighting(),
          List.of(new FieldError(e.field(), e.reason())),
          item.fieldLabels());
    }
  }

  private void rejected(ImportItem item, List<FieldError> errors) {
    journal.rejected++;
    String where =
        (item.line() > 0 ? "line " + item.line() : "")
            + (item.ref() != null ? (item.line() > 0 ? " " : "") + item.ref() : "");
    if (rejectionsFile != null) {
      ObjectNode r = JSON.createObjectNode();
      if (item.line() > 0) {
        r.put("line", item.line());
      }
      if (item.ref() != null) {
        r.put("ref", item.ref());
      }
      if (item.id() != null) {
        r.put("id", item.id());
      }
      r.set("errors", JSON.valueToTree(errors));
      write(r.toString());
    }
    if (shownRejections++ < SHOWN_REJECTIONS) {
      StringBuilder line = new StringBuilder("refused ").append(where).append(':');
      for (FieldError e : errors) {
        line.append(' ').append(e.field()).append(": ").append(e.reason()).append(';');
      }
      printAbove(line.substring(0, line.length() - 1));
    } else if (shownRejections == SHOWN_REJECTIONS + 1 && rejectionsFile == null) {
      printAbove("(more refused items: --rejections FILE keeps them all)");
    }
  }

  private void write(String line) {
    try {
      if (rejections == null) {
        rejections =
            Files.newBufferedWriter(
                rejectionsFile,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
      }
      rejections.write(line);
      rejections.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closeRejections() {
    if (rejections != null) {
      try {
        rejections.close();
      } catch (IOException e) {
        err.println("import: " + rejectionsFile + ": " + e.getMessage());
      }
    }
  }

  private void printAbove(String line) {
    err.println("\r" + line);
  }

  private void collect(List<ImportNotice> drained) {
    for (ImportNotice n : drained) {
      notices.computeIfAbsent(n.reason(), k -> new ArrayList<>()).add(n);
    }
  }

  private void summary(ImportJournal j, ImportFormat f, Duration took) {
    long items = j.accepted + j.rejected;
    StringBuilder s =
        new StringBuilder("imported ")
            .append(file)
            .append(" (")
            .append(f.word())
            .append("): ")
            .append(items)
            .append(" items; accepted ")
            .append(j.accepted)
            .append(" (")
            .append(j.duplicates)
            .append(" already held by the intake), refused ")
            .append(j.rejected);
    if (took != null) {
      double seconds = Math.max(took.toMillis() / 1000.0, 0.001);
      s.append(
          String.format(
              java.util.Locale.ROOT,
              "; this run %d items in %.1f s (%.0f items/s)",
              thisRun,
              seconds,
              thisRun / seconds));
    }
    out.println(s);
    for (Map.Entry<String, List<ImportNotice>> e : notices.entrySet()) {
      List<ImportNotice> list = e.getValue();
      String refs =
          String.join(", ", list.stream().limit(5).map(ImportNotice::ref).toList())
              + (list.size() > 5 ? ", ... (" + list.size() + ")" : "");
      out.println("not imported: " + refs + ": " + e.getKey());
    }
  }

  private ProgressBar progressBar(ImportFormat f, long skip) throws IOException {
    boolean lines = f == ImportFormat.NDJSON || f == ImportFormat.CSV;
    long max = lines ? lines(file) - (f == ImportFormat.CSV ? 1 : 0) : Files.size(file);
    ProgressBarConsumer consumer;
    ProgressBarStyle style;
    if (noProgress || System.console() == null) {
      consumer = new DelegatingProgressBarConsumer(everyTenSeconds(), 100);
      style = ProgressBarStyle.ASCII;
    } else {
      consumer = new ConsoleProgressBarConsumer(err);
      style = ProgressBarStyle.COLORFUL_UNICODE_BLOCK;
    }
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName("import")
            .setInitialMax(Math.max(max, 1))
            .setStyle(style)
            .setConsumer(consumer)
            .setUpdateIntervalMillis(500)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS);
    if (lines) {
      b.setUnit(" items", 1).startsFrom(skip, Duration.ZERO);
    } else {
      b.setUnit(" MiB", 1 << 20);
    }
    return b.build();
  }

  private java.util.function.Consumer<String> everyTenSeconds() {
    long[] last = {0};
    return line -> {
      long now = System.nanoTime();
      if (now - last[0] > 10_000_000_000L) {
        last[0] = now;
        err.println(line.strip());
      }
    };
  }

  private void step(ImportFormat f, long index, ImportReader reader) {
    boolean lines = f == ImportFormat.NDJSON || f == ImportFormat.CSV;
    long at = lines ? index : reader.bytesRead();
    if (at > progress.getMax()) {
      progress.maxHint(at);
    }
    progress.stepTo(at);
  }

  private ImportFormat format() throws IOException {
    if (format != null) {
      return ImportFormat.byName(format)
          .orElseThrow(
              () ->
                  new Stop(
                      CanonCommand.INVALID,
                      "--format " + format + " is not one of ndjson, csv, vics, stix"));
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(8192);
    }
    return ImportFormat.detect(file.getFileName().toString(), head)
        .orElseThrow(
            () ->
                new Stop(
                    CanonCommand.INVALID,
                    "cannot tell the format of "
                        + file
                        + " from its name or content: give --format ndjson|csv|vics|stix"));
  }

  private long index() {
    return itemsRead;
  }

  private static String describe(ImportDefaults d) {
    return "tlp="
        + d.tlp()
        + ",category="
        + d.category()
        + ",confidence="
        + d.confidence()
        + ",caseRef="
        + d.caseRef()
        + ",vics="
        + d.vicsCategories();
  }

  private static String option(String field) {
    return switch (field) {
      case "caseRef" -> "case-ref";
      case "vicsCategories" -> "vics-categories";
      default -> field;
    };
  }

  /** Counts lines fast, for the progress bar's total. */
  static long lines(Path file) throws IOException {
    long n = 0;
    byte last = '\n';
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r = in.read(buffer); r > 0; r = in.read(buffer)) {
        for (int i = 0; i < r; i++) {
          if (buffer[i] == '\n') {
            n++;
          }
        }
        last = buffer[r - 1];
      }
    }
    return last == '\n' ? n : n + 1;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop(IntakeClient.UNAVAILABLE, "interrupted");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
