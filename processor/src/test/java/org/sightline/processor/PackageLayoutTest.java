package org.sightline.processor;

import org.junit.jupiter.api.Test;
import org.sightline.testing.PackageRules;

class PackageLayoutTest {

  @Test
  void featurePackagesDependOneWay() {
    PackageRules.checkOneWay("org.sightline.processor");
  }
}
