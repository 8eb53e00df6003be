package org.sightline.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change of the directory file is taken by whoever reads through it; a broken one is not. */
class LiveMemberDirectoryTest {

  private static final String HASH = "a".repeat(64);

  private static String directory(String... agencies) {
    StringBuilder json = new StringBuilder("{\"agencies\":[");
    for (int i = 0; i < agencies.length; i++) {
      String[] idCountry = agencies[i].split("@");
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(idCountry[0])
          .append("\",\"country\":\"")
          .append(idCountry[1])
          .append("\",\"apiKeySha256\":\"")
          .append(HASH)
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private static void write(Path file, String content, int secondsLater) throws Exception {
    Files.writeString(file, content);
    // File times can be coarse: make each version's time differ, as real edits' do.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
  }

  @Test
  void aNewAgencyIsTakenAndABrokenFileIsNotAndIsReportedOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("members.json");
    write(file, directory("nl-police@NL"), 0);
    List<String> log = new ArrayList<>();
    LiveMemberDirectory live = LiveMemberDirectory.watching(file, Duration.ZERO, log::add);
    assertThat(live.get().agencies()).hasSize(1);

    write(file, directory("nl-police@NL", "fr-police@FR"), 10);
    assertThat(live.get().agency(AgencyId.of("fr-police"))).isPresent();
    assertThat(live.get().countries()).extracting(CountryCode::value).contains("FR");
    assertThat(log).singleElement().asString().contains("reloaded: 2 agencies");

    write(file, "{\"agencies\":[{\"id\":\"Bad Id\"}]}", 20);
    assertThat(live.get().agencies()).as("the last good directory stays").hasSize(2);
    live.check();
    live.get();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).contains("not valid; keeping the last good one");

    write(file, directory("nl-police@NL"), 30);
    assertThat(live.get().agency(AgencyId.of("fr-police"))).isEmpty();
  }

  @Test
  void theFileIsLookedAtAtMostOncePerInterval(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("members.json");
    write(file, directory("nl-police@NL"), 0);
    LiveMemberDirectory live = LiveMemberDirectory.watching(file, Duration.ofHours(1), s -> {});
    write(file, directory("nl-police@NL", "fr-police@FR"), 10);
    assertThat(live.get().agencies()).as("not yet looked at again").hasSize(1);
    assertThat(live.check()).isTrue();
    assertThat(live.get().agencies()).hasSize(2);
  }
}
