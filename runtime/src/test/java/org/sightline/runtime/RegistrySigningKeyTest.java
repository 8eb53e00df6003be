package org.sightline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySigningKeyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void madeOnceOwnerOnlyAndKept(@TempDir Path home) throws Exception {
    Path dir = home.resolve("registry");
    assertThatThrownBy(() -> RegistrySigningKey.load(dir)).hasMessageContaining("no registry");
    RegistrySigningKey first = RegistrySigningKey.loadOrCreate(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(RegistrySigningKey.PRIVATE_KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(RegistrySigningKey.load(dir).publicKeyBase64()).isEqualTo(first.publicKeyBase64());
    assertThat(first.toString()).doesNotContain(first.adminToken().split("\\.")[2]);
  }

  @Test
  void mintsRs256TokensTheRegistryCanVerifyWithThePublicKey(@TempDir Path dir) throws Exception {
    RegistrySigningKey key = RegistrySigningKey.loadOrCreate(dir);
    String token = key.adminToken();
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    Base64.Decoder url = Base64.getUrlDecoder();
    JsonNode header = JSON.readTree(url.decode(parts[0]));
    JsonNode claims = JSON.readTree(url.decode(parts[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(claims.path("iss").asText()).isEqualTo(RegistrySigningKey.ISSUER);
    assertThat(claims.path("roles").get(0).asText()).isEqualTo(RegistrySigningKey.ADMIN_ROLE);
    long now = Instant.now().getEpochSecond();
    assertThat(claims.path("exp").asLong() - now)
        .isBetween(
            RegistrySigningKey.ADMIN_TOKEN_LIFETIME.toSeconds() - 60,
            RegistrySigningKey.ADMIN_TOKEN_LIFETIME.toSeconds());

    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKeyBase64()))));
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(url.decode(parts[2]))).isTrue();

    assertThat(RegistryCommand.authArguments(key))
        .contains(
            "-Dquarkus.oidc.public-key=" + key.publicKeyBase64(),
            "-Dapicurio.auth.role-based-authorization=true",
            "-Dapicurio.auth.anonymous-read-access.enabled=true");
    assertThatThrownBy(() -> key.token("a\"b", List.of(), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
