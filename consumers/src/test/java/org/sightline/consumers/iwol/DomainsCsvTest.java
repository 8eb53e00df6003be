package org.sightline.consumers.iwol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.lists.ListChanges;
import org.sightline.consumers.lists.ListSnapshot;
import org.sightline.consumers.lists.ListVersion;

/** Read back with Apache Commons CSV's RFC 4180 parser. */
class DomainsCsvTest {

  static final CSVFormat RFC4180_WITH_HEADER =
      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  static List<CSVRecord> parse(String csv) throws Exception {
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), RFC4180_WITH_HEADER)) {
      return parser.getRecords();
    }
  }

  @Test
  void theWholeListHasAHeaderAndOneRecordPerDomain() throws Exception {
    String csv =
        DomainsCsv.render(
            new ListSnapshot<>(
                new ListVersion("e", 2),
                List.of(
                    new IwolItem("a.example", Instant.parse("2026-11-20T10:15:00Z"), "CSAM"),
                    new IwolItem(
                        "b.example", Instant.parse("2026-11-21T08:00:00.250Z"), "BASELINE_CSAM"))));

    assertThat(csv).startsWith("domain,added_at,category,expires_at\r\n").endsWith("\r\n");
    List<CSVRecord> records = parse(csv);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).get("domain")).isEqualTo("a.example");
    assertThat(records.get(0).get("added_at")).isEqualTo("2026-11-20T10:15:00Z");
    assertThat(records.get(1).get("added_at")).isEqualTo("2026-11-21T08:00:00.250Z");
    assertThat(records.get(1).get("category")).isEqualTo("BASELINE_CSAM");
  }

  @Test
  void changesCarryALeadingChangeColumn() throws Exception {
    ListChanges<IwolItem> changes =
        new ListChanges<>(
            new ListVersion("e", 9),
            false,
            List.of(new IwolItem("a.example", Instant.parse("2026-11-20T10:15:00Z"), "CSAM")),
            List.of("gone.example"));
    List<CSVRecord> records = parse(DomainsCsv.render(changes));
    assertThat(records).extracting(r -> r.get("change")).containsExactly("added", "removed");
    assertThat(records)
        .extracting(r -> r.get("domain"))
        .containsExactly("a.example", "gone.example");
    assertThat(records.get(1).get("added_at")).isEmpty();
  }

  @Test
  void fieldsThatNeedQuotingAreQuoted() throws Exception {
    String tricky = "a,\"b\"\r\nc";
    String csv = "x\r\n" + DomainsCsv.field(tricky) + "\r\n";
    assertThat(parse(csv).get(0).get("x")).isEqualTo(tricky);
    assertThat(DomainsCsv.field("plain.example")).isEqualTo("plain.example");
  }
}
