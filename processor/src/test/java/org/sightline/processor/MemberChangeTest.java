package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.MemberDirectoryFile;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * A member added while the processor runs is taken without a restart: an agency of a country that
 * was not a member, added to the directory file (and provisioned, as {@code ./sightline members
 * add-agency} does), publishes; its sighting correlates with NL's, and both countries are alerted.
 * Before, the processor read the directory once and refused the new agency's records.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
@org.junit.jupiter.api.Tag("faults") // also a scenario of ./sightline faults
class MemberChangeTest {

  private final SightlineTestStack stack = SightlineTestStack.get();

  @Test
  void anAgencyOfANewCountryAddedWhileRunningIsCorrelatedWithoutARestart() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    AgencyId added = AgencyId.of("gh-" + suffix);
    MemberDirectoryFile file = MemberDirectoryFile.open(stack.membersFile());
    file.addAgency(added, "Added while running", CountryCode.of("GH"), "key-" + suffix);
    MemberDirectory grown = file.parse();
    stack.provision(Topics.all(grown));
    stack.applyAccessPolicy(grown);
    file.save();

    String url = "http://live-member-" + suffix + ".example/";
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    stack.publishUrl(TestMembers.NL_POLICE, "nl-" + suffix, url, now);
    // The processor looks at the file every 2 s; a record the new agency sends before that is
    // refused, so it sends again until its sighting is taken (the retry of a real client).
    List<Alert> toGh = new ArrayList<>();
    TopicSpec<Alert> gh = Topics.alerts(CountryCode.of("GH"));
    try (KafkaConsumer<String, Alert> consumer = stack.consumer(gh, "member-" + suffix)) {
      consumer.subscribe(List.of(gh.name()));
      long deadline = System.currentTimeMillis() + 90_000;
      int attempt = 0;
      while (toGh.stream().noneMatch(a -> a.getIndicator().equals("url:" + url))
          && System.currentTimeMillis() < deadline) {
        stack.publishUrl(added, "gh-" + suffix + "-" + attempt++, url, now);
        long until = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
          consumer.poll(Duration.ofMillis(250)).forEach(r -> toGh.add(r.value()));
        }
      }
    }
    assertThat(toGh)
        .anySatisfy(
            a -> {
              assertThat(a.getIndicator()).isEqualTo("url:" + url);
              assertThat(a.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
              assertThat(a.getCountries()).containsExactly("GH", "NL");
            });
  }
}
