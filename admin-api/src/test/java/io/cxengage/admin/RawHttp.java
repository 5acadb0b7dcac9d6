package io.cxengage.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket bound to a chosen local address, for what {@code java.net.http}
 * cannot do on Java 17: send from another loopback address (127.0.0.2), and send a WebSocket
 * upgrade request whose refusal body can be read.
 */
public final class RawHttp {

  /** An answer: status, headers (lower-case names) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /** {@code POST /1.0/tenants/{tenant}/ticket} with a bearer token, sent from {@code localIp}. */
  public static Answer ticket(String localIp, int port, String tenant, String token) {
    return exchange(
        localIp,
        port,
        "POST /1.0/tenants/"
            + tenant
            + "/ticket HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** A WebSocket upgrade request for a ticket from {@code localIp}; the socket is then dropped. */
  public static Answer upgrade(String localIp, int port, String ticket) {
    byte[] key = new byte[16];
    new java.util.Random().nextBytes(key);
    return exchange(
        localIp,
        port,
        "GET /1.0/stream/"
            + ticket
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }

  /** A keep-alive {@code POST} of a JSON body to a path as given, bytes and all. */
  public static Answer post(int port, String rawPath, String body) {
    return exchange(
        "127.0.0.1",
        port,
        "POST "
            + rawPath
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + body.getBytes(UTF_8).length
            + "\r\n\r\n"
            + body);
  }

  private static Answer exchange(String localIp, int port, String request) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localIp, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      return new Answer(status, headers, new String(body(in, status, headers), UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] body(InputStream in, int status, Map<String, String> headers)
      throws IOException {
    if (status == 101) {
      return new byte[0]; // WebSocket frames follow, not a body
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        body.write(in.readNBytes(size));
        line(in);
      }
      return body.toByteArray();
    }
    String length = headers.get("content-length");
    return length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
  }

  private static int chunkSize(InputStream in) throws IOException {
    String size = line(in);
    int extension = size.indexOf(';');
    return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
