package org.sightline.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * A synthetic federation for one benchmark run: six agencies of four countries, with ids unique to
 * the run, so that each run reads only its own intake topics.
 */
record BenchFederation(String runId, List<Agency> agencies) {

  private static final String[][] SHAPE = {
    {"nl", "NL"}, {"nlh", "NL"}, {"de", "DE"}, {"jo", "JO"}, {"ke", "KE"}, {"br", "BR"}
  };

  static BenchFederation create(String runId) {
    return create(runId, "0".repeat(64));
  }

  /**
   * With every agency's API key hashed to {@code apiKeySha256}, for a bench that calls the intake.
   */
  static BenchFederation create(String runId, String apiKeySha256) {
    List<Agency> agencies = new ArrayList<>();
    for (String[] a : SHAPE) {
      agencies.add(
          new Agency(
              AgencyId.of("b" + runId + "-" + a[0]),
              "bench " + a[0],
              CountryCode.of(a[1]),
              apiKeySha256,
              true));
    }
    return new BenchFederation(runId, List.copyOf(agencies));
  }

  MemberDirectory directory() {
    return new MemberDirectory(agencies, List.of());
  }

  /**
   * The member directory in a file of its own, removed when the bench exits (one was left in /tmp
   * per run before).
   */
  Path writeTemporary() throws IOException {
    Path dir = Files.createTempDirectory("bench-members");
    // Deleted in reverse order of registration: the file, then its directory.
    dir.toFile().deleteOnExit();
    Path file = write(dir);
    file.toFile().deleteOnExit();
    return file;
  }

  /** Every topic of this federation, as the topic registry derives them. */
  List<String> topicNames() {
    return Topics.all(directory()).stream().map(TopicSpec::name).toList();
  }

  /** The member directory as the processor service reads it. */
  Path write(Path dir) throws IOException {
    StringBuilder json = new StringBuilder("{\"countries\":[],\"agencies\":[");
    for (int i = 0; i < agencies.size(); i++) {
      Agency a = agencies.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(a.id().value())
          .append("\",\"name\":\"")
          .append(a.name())
          .append("\",\"country\":\"")
          .append(a.country().value())
          .append("\",\"apiKeySha256\":\"")
          .append(a.apiKeySha256())
          .append("\",\"enabled\":true}");
    }
    json.append("]}");
    Path file = dir.resolve("members-" + runId + ".json");
    Files.writeString(file, json);
    return file;
  }
}
