package org.sightline.cli;

import picocli.CommandLine.Option;

/**
 * How a command reaches the intake as an agency, declared once for every command that does: the
 * intake's URL and the agency's API key (from {@code SIGHTLINE_API_KEY} when not given, so that it
 * stays out of the shell's history).
 */
final class IntakeOptions {

  @Option(names = "--intake", defaultValue = "http://localhost:8181", description = "Intake URL")
  String intake;

  @Option(
      names = "--key",
      defaultValue = "${env:SIGHTLINE_API_KEY}",
      description = "The agency's API key; or SIGHTLINE_API_KEY")
  String key;

  boolean hasKey() {
    return key != null && !key.isBlank();
  }

  IntakeClient client() {
    return new IntakeClient(intake, key);
  }
}
