package org.sightline.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sightline.imports.ImportFormat;

/**
 * Size limits answered with a JSON error that names the limit and its setting. Bodies that declare
 * their length are refused before a byte is read; chunked bodies are counted as they are read.
 */
@ApplicationScoped
public class Limits {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Thrown by {@link #bounded} when a body grows past its limit. */
  static final class TooLargeException extends IOException {
    final long limit;

    TooLargeException(long limit) {
      super("the body is larger than " + limit + " bytes");
      this.limit = limit;
    }
  }

  private final IntakeConfig config;

  Limits(IntakeConfig config) {
    this.config = config;
  }

  /** Runs before the REST layer, so a declared length over the limit never reaches it. */
  void install(@Observes Router router) {
    router
        .route("/api/v1/sightings*")
        .order(-100)
        .handler(
            ctx -> {
              HttpServerRequest request = ctx.request();
              String declared = request.getHeader("Content-Length");
              if (declared != null) {
                long length;
                try {
                  length = Long.parseLong(declared.strip());
                } catch (NumberFormatException e) {
                  length = -1;
                }
                Limit limit = limitFor(request);
                if (length > limit.bytes()) {
                  ctx.response()
                      .setStatusCode(413)
                      .putHeader("Content-Type", "application/json")
                      .end(json(body(limit)));
                  return;
                }
              }
              ctx.next();
            });
  }

  /** The limit of one request and the words to explain it. */
  record Limit(String what, long bytes, String setting, String advice) {}

  Limit limitFor(HttpServerRequest request) {
    if (!request.path().endsWith("/batch")) {
      return new Limit(
          "one sighting",
          config.maxSightingBytes().asLongValue(),
          "sightline.intake.max-sighting-bytes",
          "send many sightings to /api/v1/sightings/batch");
    }
    ImportFormat format =
        ImportFormat.byName(request.getParam("format"))
            .or(() -> ImportFormat.byMediaType(request.getHeader("Content-Type")))
            .orElse(null);
    return batchLimit(format);
  }

  Limit batchLimit(ImportFormat format) {
    if (format == ImportFormat.STIX) {
      return new Limit(
          "a STIX bundle (read whole: its objects refer to each other)",
          config.batch().maxDocumentBytes().asLongValue(),
          "sightline.intake.batch.max-document-bytes",
          "split the bundle into several bundles, each with the objects its sightings refer to");
    }
    return new Limit(
        "a batch",
        config.batch().maxBytes().asLongValue(),
        "sightline.intake.batch.max-bytes",
        "split the file into several batches (sightline import does this for you)");
  }

  static Map<String, Object> body(Limit limit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "error",
        "the body is larger than "
            + limit.bytes()
            + " bytes, the limit for "
            + limit.what()
            + " ("
            + limit.setting()
            + "); "
            + limit.advice());
    body.put("limit", limit.setting());
    body.put("maxBytes", limit.bytes());
    return body;
  }

  public static Response tooLarge(String what, long bytes, String setting, String advice) {
    return Response.status(413).entity(body(new Limit(what, bytes, setting, advice))).build();
  }

  /** The body, failing with {@link TooLargeException} past {@code limit} bytes. */
  static InputStream bounded(InputStream in, long limit) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && ++count > limit) {
          throw new TooLargeException(limit);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count += n;
          if (count > limit) {
            throw new TooLargeException(limit);
          }
        }
        return n;
      }
    };
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
