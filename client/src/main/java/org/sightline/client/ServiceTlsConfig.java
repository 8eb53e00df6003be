package org.sightline.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's TLS identity as its configuration holds it ({@code sightline.tls.keystore}, {@code
 * .keystore-password}, {@code .ca}; env {@code SIGHTLINE_TLS_KEYSTORE}, {@code
 * SIGHTLINE_TLS_KEYSTORE_PASSWORD}, {@code SIGHTLINE_TLS_CA}): one shape for the processor, which
 * serves its query port with it, and for the consumers and the intake, which present it there. A
 * configuration group of each service's mapping; {@link ServiceTls#forService} turns it into the
 * identity, or a clear error naming what to set.
 */
public interface ServiceTlsConfig {

  /** PKCS12 key store: this service's certificate (common name: its principal) and key. */
  Optional<Path> keystore();

  /** Its password; never logged. */
  Optional<String> keystorePassword();

  /** The PEM certificate of the federation's CA, which signed both sides' certificates. */
  Path ca();
}
