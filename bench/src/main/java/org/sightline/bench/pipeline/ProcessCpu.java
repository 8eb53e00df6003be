package org.sightline.bench.pipeline;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The CPU time of the processes a benchmark shares the machine with, so that a number per sighting
 * or per indicator can be given per process: the broker's (its pid from the launcher) and the
 * bench's own JVM (the load, or the client).
 */
final class ProcessCpu {

  @Option(
      names = "--broker-pid",
      description = "The broker's process, for its CPU per record (the launcher passes it)")
  Long brokerPid;

  /** The broker's CPU so far, every thread; zero when its process is not known. */
  Duration broker() {
    return brokerPid == null
        ? Duration.ZERO
        : ProcessHandle.of(brokerPid)
            .flatMap(h -> h.info().totalCpuDuration())
            .orElse(Duration.ZERO);
  }

  /** This JVM's CPU so far, every thread. */
  static Duration own() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Microseconds of CPU per item between two readings. */
  static double perItemUs(Duration before, Duration after, long items) {
    return after.minus(before).toNanos() / 1e3 / items;
  }
}
