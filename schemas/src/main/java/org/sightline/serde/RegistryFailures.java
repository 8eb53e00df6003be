package org.sightline.serde;

/**
 * Whether a failure to decode a record is the record's or the world's. A record whose schema id is
 * unknown, or whose bytes are no Avro, will never decode: skip it (or park it) with its reason. A
 * registry that did not answer says nothing about the record: read it again later, or a good record
 * is lost from the view that skipped it.
 */
public final class RegistryFailures {

  private RegistryFailures() {}

  /** True when some cause is the network or a time-out, not the record. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException
          || t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.net.http.HttpTimeoutException) {
        return true;
      }
      String name = t.getClass().getName();
      if (name.endsWith("ConnectException") || name.endsWith("TimeoutException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
