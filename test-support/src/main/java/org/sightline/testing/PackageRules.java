package org.sightline.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The layout rule every service keeps: one package per feature, dependencies one way. Each feature
 * package (with its sub-packages) is a slice, and so is the service's root package (configuration,
 * the wiring that builds the features, what they all share); no slice may depend on itself through
 * another. Checked on the compiled classes with ArchUnit, so an import that closes a cycle fails
 * the build, naming each dependency on the cycle.
 */
public final class PackageRules {

  private PackageRules() {}

  /**
   * Fails when the packages under {@code root} (the root included) depend on each other in a cycle.
   */
  public static void checkOneWay(String root) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);
    slices().assignedFrom(byFeature(root)).should().beFreeOfCycles().check(classes);
  }

  private static SliceAssignment byFeature(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        if (pkg.equals(root)) {
          return SliceIdentifier.of("(root)");
        }
        if (!pkg.startsWith(root + ".")) {
          return SliceIdentifier.ignore();
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
      }

      @Override
      public String getDescription() {
        return "the feature packages of " + root + " and the root package itself";
      }
    };
  }
}
