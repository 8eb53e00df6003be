package org.sightline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus: {@code @QuarkusTestResource(SightlineStackResource.class)} points a service under test
 * at the real broker, the real registry and the test member directory.
 */
public final class SightlineStackResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    SightlineTestStack stack = SightlineTestStack.get();
    return Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(),
        "quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers(),
        "sightline.registry.url", stack.registryUrl(),
        "sightline.members.file", stack.membersFile().toString());
  }

  @Override
  public void stop() {
    // The stack is shared by every test of this JVM and stops when the JVM exits.
  }
}
