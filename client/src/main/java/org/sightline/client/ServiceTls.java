package org.sightline.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How one Sightline service proves who it is to another over HTTPS (mutual TLS): its own key store
 * (a PKCS12 file with a key and a certificate whose common name is its principal, signed by the
 * federation's CA) and the CA certificate it trusts for the other side. The processor's interactive
 * queries accept only the consumers and the processor's own instances this way.
 *
 * @param keystore PKCS12 key store of this service
 * @param caCertificate PEM file of the CA that signed both sides' certificates
 */
public record ServiceTls(Path keystore, String password, Path caCertificate) {

  public ServiceTls {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caCertificate, "caCertificate");
  }

  /**
   * A service's TLS identity from its configuration, or a clear error naming what to set (a service
   * that must call another never starts without it).
   */
  public static ServiceTls forService(
      String principal,
      java.util.Optional<Path> keystore,
      java.util.Optional<String> password,
      Path caCertificate) {
    String fix =
        " for principal '"
            + principal
            + "': set SIGHTLINE_TLS_KEYSTORE and SIGHTLINE_TLS_KEYSTORE_PASSWORD (./sightline up"
            + " keeps them in .sightline/tls/services/)";
    return new ServiceTls(
        keystore.orElseThrow(() -> new IllegalStateException("no TLS key store" + fix)),
        password
            .filter(p -> !p.isEmpty())
            .orElseThrow(() -> new IllegalStateException("no TLS key store password" + fix)),
        caCertificate);
  }

  /** The same, from a service's configuration group {@code sightline.tls}. */
  public static ServiceTls forService(String principal, ServiceTlsConfig config) {
    return forService(principal, config.keystore(), config.keystorePassword(), config.ca());
  }

  /** An SSL context that presents this service's certificate and trusts only the CA. */
  public SSLContext sslContext() {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        keys.load(in, password.toCharArray());
      }
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password.toCharArray());

      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      try (InputStream in = Files.newInputStream(caCertificate)) {
        int i = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trusted.setCertificateEntry("ca-" + i++, ca);
        }
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the TLS key store " + keystore + " or the CA " + caCertificate, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "unusable TLS key store " + keystore + " or CA " + caCertificate + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * An HTTP client that speaks only HTTPS with this identity (the host name in the other side's
   * certificate is checked, as always with the JDK's client).
   */
  public HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(connectTimeout).build();
  }

  /**
   * An HTTP client for this identity that follows the files: rebuilt when the key store or the CA
   * changes on disk (cert-manager renews certificates in place), otherwise shared.
   */
  public java.util.function.Supplier<HttpClient> reloadingHttpClient(Duration connectTimeout) {
    return new java.util.function.Supplier<>() {
      private HttpClient client;
      private String stamp;

      @Override
      public synchronized HttpClient get() {
        String now = stamp();
        if (client == null || !now.equals(stamp)) {
          client = httpClient(connectTimeout);
          stamp = now;
        }
        return client;
      }

      private String stamp() {
        try {
          return Files.getLastModifiedTime(keystore)
              + "/"
              + Files.getLastModifiedTime(caCertificate);
        } catch (IOException e) {
          return "unreadable";
        }
      }
    };
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "ServiceTls[" + keystore + ", CA " + caCertificate + "]";
  }
}
