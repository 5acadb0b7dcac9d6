package io.cxengage.connectors.pusher;

import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.protocol.HttpContext;

/**
 * Keeps each thread's last response, because the Pusher SDK's {@code Result} has only the status
 * and body, and a 429's {@code Retry-After} is in the headers. The SDK's synchronous client runs
 * interceptors on the calling thread, which is the dispatcher's, so a thread-local is exact.
 */
final class ResponseHeaders implements HttpResponseInterceptor {

  private final ThreadLocal<HttpResponse> last = new ThreadLocal<>();

  @Override
  public void process(HttpResponse response, HttpContext context) {
    last.set(response);
  }

  void forgetOnThisThread() {
    last.remove();
  }

  /** The named header of this thread's last response, or null. */
  Header lastOnThisThread(String name) {
    HttpResponse response = last.get();
    last.remove();
    return response == null ? null : response.getFirstHeader(name);
  }
}
