package org.sightline.testing;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry held in memory, for TopologyTestDriver tests: the real Apicurio serdes and the real
 * wire format (magic byte + 4-byte content id) without a registry process. Identical content gets
 * the same id, as in the real registry. Not a substitute for the real-registry tests each service
 * also has.
 */
public final class InMemoryRegistryClient implements RegistryClientFacade {

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, String> byContentId = new ConcurrentHashMap<>();
  private final Map<String, Long> idByContent = new ConcurrentHashMap<>();
  private final Map<String, RegistryVersionCoordinates> latestByArtifact =
      new ConcurrentHashMap<>();
  private final Set<String> lookedUp = ConcurrentHashMap.newKeySet();

  /** Every subject (artifact id) a serializer looked a schema up under, so far. */
  public Set<String> subjectsLookedUp() {
    return Set.copyOf(lookedUp);
  }

  @Override
  public String getSchemaByContentId(Long contentId) {
    String schema = byContentId.get(contentId);
    if (schema == null) {
      throw new IllegalArgumentException("no schema with content id " + contentId);
    }
    return schema;
  }

  @Override
  public String getSchemaByGlobalId(long globalId, boolean dereference) {
    return getSchemaByContentId(globalId);
  }

  @Override
  public String getSchemaByGAV(String groupId, String artifactId, String version) {
    RegistryVersionCoordinates c = getVersionCoordinatesByGAV(groupId, artifactId, version);
    return getSchemaByContentId(c.getContentId());
  }

  @Override
  public String getSchemaByContentHash(String contentHash) {
    throw new UnsupportedOperationException("content hashes are not used by Sightline's serdes");
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
    return List.of();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
    return List.of();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGAV(
      String groupId, String artifactId, String version) {
    return List.of();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
    return List.of();
  }

  /**
   * Sightline's serdes only look schemas up (by content), never register one; this registry stands
   * for one the admin has provisioned with every schema, so a look-up finds any schema. Whether
   * every subject really is provisioned is proven on the real registry, which refuses the clients'
   * writes.
   */
  @Override
  public List<RegistryVersionCoordinates> searchVersionsByContent(
      String content, String artifactType, ArtifactReference reference, boolean canonical) {
    List<RegistryVersionCoordinates> found = new ArrayList<>();
    if (reference != null) {
      lookedUp.add(reference.getArtifactId());
      found.add(
          createSchema(
              artifactType,
              reference.getGroupId(),
              reference.getArtifactId(),
              null,
              "FIND_OR_CREATE_VERSION",
              canonical,
              content,
              Set.of()));
    }
    return found;
  }

  @Override
  public RegistryVersionCoordinates createSchema(
      String artifactType,
      String groupId,
      String artifactId,
      String version,
      String ifExists,
      boolean canonical,
      String content,
      Set<RegistryArtifactReference> references) {
    long id = idByContent.computeIfAbsent(content, c -> ids.incrementAndGet());
    byContentId.putIfAbsent(id, content);
    RegistryVersionCoordinates coordinates =
        RegistryVersionCoordinates.create(id, id, groupId, artifactId, Long.toString(id));
    latestByArtifact.put(groupId + "/" + artifactId, coordinates);
    return coordinates;
  }

  @Override
  public RegistryVersionCoordinates getVersionCoordinatesByGAV(
      String groupId, String artifactId, String version) {
    RegistryVersionCoordinates c = latestByArtifact.get(groupId + "/" + artifactId);
    if (c == null) {
      throw new IllegalArgumentException("no artifact " + groupId + "/" + artifactId);
    }
    return c;
  }

  @Override
  public Object getClient() {
    return null;
  }
}
