package org.sightline.cli;

import java.util.ArrayList;
import java.util.List;
import org.sightline.testing.SightlineTestStack;

/** A command's arguments with the broker and registry options of the shared test stack added. */
final class StackOptions {

  private StackOptions() {}

  static String[] with(String... args) {
    SightlineTestStack stack = SightlineTestStack.get();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--bootstrap",
            stack.bootstrapServers(),
            "--ca",
            stack.caCertificate().toString(),
            "--credentials",
            stack.credentialsDirectory().toString(),
            "--registry",
            stack.registryUrl()));
    return all.toArray(String[]::new);
  }
}
