package io.cxengage.admin.http;

import io.cxengage.admin.auth.TokenIssuer;
import io.cxengage.admin.auth.User;
import io.cxengage.admin.auth.UserDirectory;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.UnauthorizedException;
import io.cxengage.admin.error.UnsupportedMediaTypeException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 client-credentials token endpoint ({@code POST /token}): Basic {@code
 * client_id:client_secret} or form fields, answering a bearer token.
 */
public final class TokenRoutes {

  private final UserDirectory users;
  private final TokenIssuer tokens;

  public TokenRoutes(UserDirectory users, TokenIssuer tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.POST, "/token")
        .tag("auth")
        .summary("OAuth 2.0 client credentials: Basic client_id:client_secret (or form fields)")
        .access(Access.PUBLIC)
        .body(BodyKind.FORM)
        .responds(200, "{\"access_token\", \"token_type\": \"bearer\", \"expires_in\"}")
        .responds(400, "grant_type is not client_credentials")
        .responds(401, "wrong credentials")
        .handle(this::token);
  }

  private void token(Context ctx) {
    String type = RequestBodies.mediaType(ctx);
    if (!type.isEmpty() && !type.equals("application/x-www-form-urlencoded")) {
      throw new UnsupportedMediaTypeException(
              "send the token request as application/x-www-form-urlencoded (got '" + type + "')")
          .with("content-type", type);
    }
    Map<String, String> form =
        form(new String(RequestBodies.read(ctx, 65536), StandardCharsets.UTF_8));
    String grant = form.get("grant_type");
    if (!"client_credentials".equals(grant)) {
      throw new BadRequestException(
              "grant_type must be client_credentials (got "
                  + (grant == null ? "none" : "'" + grant + "'")
                  + ")")
          .with("field", "grant_type");
    }
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    Optional<String[]> basic = basic(ctx.header("Authorization"));
    if (basic.isPresent()) {
      clientId = basic.get()[0];
      secret = basic.get()[1];
    }
    if (clientId == null || secret == null) {
      throw new UnauthorizedException(
          "client credentials are required: 'Authorization: Basic base64(client_id:client_secret)'"
              + " or the form fields client_id and client_secret");
    }
    User user =
        users
            .authenticate(clientId, secret)
            .orElseThrow(() -> new UnauthorizedException("wrong client id or secret"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", tokens.issue(user.clientId()));
    answer.put("token_type", "bearer");
    answer.put("expires_in", tokens.lifetime().toSeconds());
    ctx.header("Cache-Control", "no-store");
    Reply.ok(ctx, answer);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        form.putIfAbsent(
            URLDecoder.decode(name.trim(), StandardCharsets.UTF_8),
            URLDecoder.decode(value.trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("the form body is not valid URL encoding");
      }
    }
    return form;
  }

  private static Optional<String[]> basic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new UnauthorizedException("the Basic credentials must be client_id:client_secret");
      }
      // taken as sent: curl -u and most clients do not form-encode the parts (RFC 6749 2.3.1)
      return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      throw new UnauthorizedException("the Basic credentials are not valid base64");
    }
  }
}
