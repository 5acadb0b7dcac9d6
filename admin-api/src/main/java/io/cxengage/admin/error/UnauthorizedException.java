package io.cxengage.admin.error;

/** 401: no, an invalid or an expired token, or wrong client credentials. */
public class UnauthorizedException extends ApiException {

  @Override
  public java.util.Map<String, String> headers() {
    return java.util.Map.of("WWW-Authenticate", "Bearer realm=\"cxengage\"");
  }

  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 401;
  }
}
