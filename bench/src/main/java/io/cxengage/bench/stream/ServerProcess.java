package io.cxengage.bench.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@link StreamBenchServer} in a JVM of its own, started with this JVM's classpath. Closing it
 * closes the server's standard input, which stops it.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  final String base;
  final String bootstrap;
  final String token;

  private ServerProcess(Process process, String[] ready) {
    this.process = process;
    this.base = "http://127.0.0.1:" + ready[1];
    this.bootstrap = ready[2];
    this.token = ready[3];
  }

  /** Starts the server and returns once it serves. */
  static ServerProcess start(int heapMb) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx" + heapMb + "m",
                "-XX:+UseParallelGC",
                "-cp",
                System.getProperty("java.class.path"),
                StreamBenchServer.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      return new ServerProcess(process, awaitReady(process));
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Waits for the server's READY line; its other output goes to our standard error. */
  private static String[] awaitReady(Process server) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("READY ")) {
        Thread drain =
            new Thread(
                () -> out.lines().forEach(System.err::println), "stream-bench-server-output");
        drain.setDaemon(true);
        drain.start();
        return line.split(" ");
      }
      System.err.println(line);
    }
    throw new IllegalStateException("the server process ended before it was ready");
  }

  /** The server process's resident memory in KiB. */
  long residentKb() {
    return residentKb(process.pid());
  }

  /** The resident memory of a process in KiB, from /proc (0 where there is none). */
  static long residentKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // not Linux: leave it out
    }
    return 0;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
