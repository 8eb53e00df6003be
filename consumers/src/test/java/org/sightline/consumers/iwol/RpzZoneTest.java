package org.sightline.consumers.iwol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.lists.ListSnapshot;
import org.sightline.consumers.lists.ListVersion;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/** The zone as a DNS server loads it: dnsjava's zone-file parser, SOA and NS required. */
class RpzZoneTest {

  private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

  static Zone load(String origin, String zoneFile) throws Exception {
    return new Zone(
        Name.fromString(origin),
        new ByteArrayInputStream(zoneFile.getBytes(StandardCharsets.UTF_8)));
  }

  static Name stopPageOf(Zone zone, String name) throws Exception {
    RRset rules = zone.findExactMatch(Name.fromString(name), Type.CNAME);
    return rules == null ? null : ((CNAMERecord) rules.first()).getTarget();
  }

  @Test
  void everyDomainAndEveryNameUnderItGoToTheStopPage() throws Exception {
    RpzZone rpz = new RpzZone("rpz.test.example", "ns.test.example.", "stop.test.example.");
    ListSnapshot<IwolItem> snapshot =
        new ListSnapshot<>(
            new ListVersion("e1", 7),
            List.of(
                new IwolItem("a.example", T, "BASELINE_CSAM"),
                new IwolItem("b.co.uk", T, "BASELINE_CSAM")));

    Zone zone = load("rpz.test.example.", rpz.render(snapshot));

    assertThat(zone.getSOA().getSerial()).isEqualTo(7);
    assertThat(zone.getSOA().getHost()).isEqualTo(Name.fromString("ns.test.example."));
    assertThat(zone.getNS().first().getAdditionalName())
        .isEqualTo(Name.fromString("ns.test.example."));
    Name stop = Name.fromString("stop.test.example.");
    assertThat(stopPageOf(zone, "a.example.rpz.test.example.")).isEqualTo(stop);
    assertThat(stopPageOf(zone, "*.a.example.rpz.test.example.")).isEqualTo(stop);
    assertThat(stopPageOf(zone, "b.co.uk.rpz.test.example.")).isEqualTo(stop);
    assertThat(stopPageOf(zone, "*.b.co.uk.rpz.test.example.")).isEqualTo(stop);
    assertThat(stopPageOf(zone, "c.example.rpz.test.example.")).isNull();
  }

  @Test
  void anEmptyListIsAValidZone() throws Exception {
    RpzZone rpz = new RpzZone("rpz.sightline.local.", "localhost.", "stop.sightline.local.");
    Zone zone =
        load(
            "rpz.sightline.local.",
            rpz.render(new ListSnapshot<>(new ListVersion("e", 0), List.of())));
    assertThat(zone.getSOA().getSerial()).isZero();
  }

  @Test
  void aNameTooLongForTheOriginIsLeftOutAndTheZoneStillLoads() throws Exception {
    // 235 characters: a valid domain, but 258 with "*." and the origin, over DNS's 255 octets.
    String longDomain =
        String.join(".", "a".repeat(56), "b".repeat(56), "c".repeat(56), "d".repeat(56), "example");
    RpzZone rpz = new RpzZone("rpz.sightline.local.", "localhost.", "stop.sightline.local.");
    String text =
        rpz.render(
            new ListSnapshot<>(
                new ListVersion("e", 2),
                List.of(
                    new IwolItem(longDomain, T, "CSAM"), new IwolItem("ok.example", T, "CSAM"))));
    Zone zone = load("rpz.sightline.local.", text);
    assertThat(stopPageOf(zone, "ok.example.rpz.sightline.local.")).isNotNull();
    assertThat(text).contains("; skipped, too long");
    assertThat(DomainNames.normalize(longDomain)).as("served in the other formats").isPresent();
  }

  @Test
  void serialsWrapAt32Bits() {
    assertThat(RpzZone.serial(new ListVersion("e", (1L << 32) + 5))).isEqualTo(5);
  }

  @Test
  void aBadSettingIsNamed() {
    assertThatThrownBy(() -> new RpzZone("rpz .local", "localhost.", "stop.local."))
        .hasMessageContaining("sightline.consumers.iwol.rpz-origin");
    assertThatThrownBy(() -> new RpzZone("rpz.local", "localhost.", "stop;x"))
        .hasMessageContaining("sightline.consumers.iwol.stop-page");
  }
}
