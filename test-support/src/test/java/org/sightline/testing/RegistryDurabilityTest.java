package org.sightline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.sightline.access.provision.SchemaProvisioner;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.runtime.RegistrySigningKey;
import org.sightline.schema.IntakeEvent;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Schema ids never move. Every record on every topic names its writer's schema by id, so an id that
 * moves makes old records undecodable, or decodable as another schema: what happened when the
 * registry kept its schemas in memory and provisioning after a restart handed out ids in the order
 * it met the subjects (add seven agencies, restart: alerts 8→15, the by-indicator repartition
 * 21→31, and the processor died on "unknown schema id 21").
 *
 * <p>A registry of its own (the shared one is not for restarting): provision the test federation,
 * write a record, add seven agencies and provision again, restart the registry, provision again as
 * {@code ./sightline up} does: no id of an earlier subject changes at any step, and a reader that
 * has never seen the schema decodes the early record by its id.
 */
class RegistryDurabilityTest {

  @Test
  void idsSurviveNewMembersAndRestartsAndOldRecordsStillDecode() throws Exception {
    try (RegistryProcess registry = RegistryProcess.start()) {
      RegistrySigningKey key = RegistrySigningKey.load(registry.keyDirectory());
      SchemaProvisioner provisioner = new SchemaProvisioner(registry.baseUrl(), key::adminToken);
      MemberDirectory before = TestMembers.directory();
      provision(provisioner, before);
      Map<String, Integer> first = ids(provisioner);
      assertThat(first).isNotEmpty();

      // A record as a producer writes it: magic byte, the schema's id, the Avro body.
      TopicSpec<IntakeEvent> topic = Topics.intake(TestMembers.NL_POLICE);
      IntakeEvent written = RealStackTest.sighting("durable-1");
      byte[] bytes;
      try (Serde<IntakeEvent> serde =
          topic.valueSerde(RegistrySerdes.forRegistry(registry.baseUrl()))) {
        bytes = serde.serializer().serialize(topic.name(), written);
      }

      // Seven agencies more, as ./sightline members add-agency does, then provision again.
      List<Agency> agencies = new ArrayList<>(before.agencies());
      for (int i = 0; i < 7; i++) {
        String id = "a" + i + "-police";
        agencies.add(new Agency(AgencyId.of(id), null, CountryCode.of("KE"), "0".repeat(64), true));
      }
      MemberDirectory after =
          new MemberDirectory(agencies, List.of(), before.accessProviders(), before.users());
      provision(provisioner, after);
      Map<String, Integer> grown = ids(provisioner);
      assertThat(grown).as("after adding agencies").containsAllEntriesOf(first);
      assertThat(grown).containsKey("intake.a6-police-value");

      registry.restart();
      provision(provisioner, after);
      Map<String, Integer> restarted = ids(provisioner);
      assertThat(restarted).as("after a restart and provisioning again").isEqualTo(grown);

      try (Serde<IntakeEvent> fresh =
          topic.valueSerde(RegistrySerdes.forRegistry(registry.baseUrl()))) {
        assertThat(fresh.deserializer().deserialize(topic.name(), bytes)).isEqualTo(written);
      }
      // The id in the record's header still names the very schema it was written with.
      int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
      Schema named = provisioner.schemaById(id);
      assertThat(named.getFullName()).isEqualTo(IntakeEvent.getClassSchema().getFullName());
    }
  }

  private static void provision(SchemaProvisioner provisioner, MemberDirectory members) {
    provisioner.provision(Topics.all(members));
    provisioner.provisionProcessor(StoreNames.PROCESSOR_APPLICATION_ID);
  }

  /** Subject → the id its latest version is served under (Confluent API). */
  private static Map<String, Integer> ids(SchemaProvisioner provisioner) {
    Map<String, Integer> ids = new TreeMap<>();
    for (String subject : provisioner.subjects()) {
      ids.put(subject, provisioner.latestId(subject));
    }
    return ids;
  }
}
