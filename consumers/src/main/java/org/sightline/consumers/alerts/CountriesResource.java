package org.sightline.consumers.alerts;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.sightline.consumers.auth.SignedIn;

/** What the page offers in its selector. */
@Path("/api/v1/countries")
public class CountriesResource {

  private final Recipients recipients;
  private final SignedIn signedIn;

  CountriesResource(Recipients recipients, SignedIn signedIn) {
    this.recipients = recipients;
    this.signedIn = signedIn;
  }

  /** Member country codes, then "secretariat"; for an analyst, only their own country. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> countries() {
    return recipients.all().stream().filter(r -> signedIn.user().maySee(r)).toList();
  }
}
