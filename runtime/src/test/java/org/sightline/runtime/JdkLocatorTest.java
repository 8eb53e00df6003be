package org.sightline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkLocatorTest {

  @TempDir Path dir;

  private Path fakeJdk(Path root, String name, String version) throws IOException {
    Path home = root.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.createFile(home.resolve("bin/java"));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void picksTheHighestQualifyingJdkUnderTheInstallRoots() throws IOException {
    Path root = dir.resolve("jvm");
    fakeJdk(root, "jdk-17", "17.0.15");
    fakeJdk(root, "jdk-21", "21.0.4");
    Path newest = fakeJdk(root, "jdk-25", "25.0.3");
    JdkLocator locator = new JdkLocator(Map.of(), dir.resolve("home"), List.of(root));
    JdkLocator.Jdk jdk = locator.require(21);
    assertThat(jdk.home()).isEqualTo(newest);
    assertThat(jdk.feature()).isEqualTo(25);
  }

  @Test
  void findsAJdkNamedByAnEnvironmentVariable() throws IOException {
    Path jdk = fakeJdk(dir.resolve("elsewhere"), "x", "22");
    JdkLocator locator = new JdkLocator(Map.of("JAVA_HOME_22_X64", jdk.toString()), dir, List.of());
    assertThat(locator.require(21).home()).isEqualTo(jdk);
  }

  @Test
  void failsWithWhatItSawAndWhatToInstall() throws IOException {
    Path root = dir.resolve("jvm");
    fakeJdk(root, "jdk-11", "11.0.2");
    JdkLocator locator = new JdkLocator(Map.of(), dir.resolve("home"), List.of(root));
    assertThatThrownBy(() -> locator.require(99))
        .hasMessageContaining("No JDK 99+ found")
        .hasMessageContaining("11.0.2")
        .hasMessageContaining(JdkLocator.ENV);
  }

  @Test
  void readsFeatureVersions() {
    assertThat(JdkLocator.feature("1.8.0_392")).isEqualTo(8);
    assertThat(JdkLocator.feature("21")).isEqualTo(21);
    assertThat(JdkLocator.feature("25.0.3")).isEqualTo(25);
    assertThat(Set.of(JdkLocator.feature("17-ea"))).containsExactly(17);
  }
}
