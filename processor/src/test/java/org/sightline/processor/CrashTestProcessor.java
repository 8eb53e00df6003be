package org.sightline.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.serde.RegistrySerdes;

/**
 * The correlation topology in a JVM of its own, so a test can kill it with SIGKILL: {@code
 * CrashTestProcessor <bootstrap> <registry> <application id> <state dir> <agency:CC>...}.
 */
public final class CrashTestProcessor {

  private CrashTestProcessor() {}

  static MemberDirectory members(List<String> specs) {
    List<Agency> agencies = new ArrayList<>();
    for (String spec : specs) {
      String[] parts = spec.split(":");
      agencies.add(new Agency(AgencyId.of(parts[0]), null, CountryCode.of(parts[1]), "-", true));
    }
    return new MemberDirectory(agencies, List.of());
  }

  /**
   * args: client properties file (bootstrap and security), registry, app id, state dir, agencies.
   */
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(args[0]))) {
      props.load(in);
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
    props.put(StreamsConfig.STATE_DIR_CONFIG, args[3]);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    // The killed instance's membership lingers until its session times out: keep that short here.
    props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
    KafkaStreams streams =
        new KafkaStreams(
            CorrelationTopology.build(
                members(List.of(args).subList(4, args.length)),
                RegistrySerdes.forRegistry(args[1]),
                ProcessorSettings.defaults()),
            props);
    streams.setStateListener((now, before) -> System.out.println("STATE " + now));
    streams.start();
    new CountDownLatch(1).await();
  }
}
