package io.cxengage.connectors.salesforce;

import java.net.URI;

/**
 * An OAuth access token and the instance it is valid for, as Salesforce's token endpoint answers.
 * The token is a secret: it is left out of {@link #toString()}.
 */
record SalesforceSession(String accessToken, URI instanceUrl) {

  @Override
  public String toString() {
    return "SalesforceSession[instanceUrl=" + instanceUrl + "]";
  }
}
