package org.sightline.intake;

import org.junit.jupiter.api.Test;
import org.sightline.testing.PackageRules;

class PackageLayoutTest {

  @Test
  void featurePackagesDependOneWay() {
    PackageRules.checkOneWay("org.sightline.intake");
  }
}
