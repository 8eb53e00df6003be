package org.sightline.consumers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the page offers in its selector. */
@Path("/api/v1/countries")
public class CountriesResource {

  private final Recipients recipients;

  CountriesResource(Recipients recipients) {
    this.recipients = recipients;
  }

  /** Member country codes, then "secretariat". */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> countries() {
    return recipients.all();
  }
}
