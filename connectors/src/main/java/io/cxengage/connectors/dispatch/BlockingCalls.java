package io.cxengage.connectors.dispatch;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a client library's blocking calls on a bounded pool so the caller's thread never waits. A
 * full queue refuses the send as retryable instead of blocking or growing without bound, and a call
 * that outlives its deadline completes as a retryable timeout even if the library still holds the
 * thread.
 */
public final class BlockingCalls implements AutoCloseable {

  private final String service;
  private final ThreadPoolExecutor executor;
  private final Duration deadline;

  /**
   * @param service names the threads and the errors ("sendgrid")
   * @param deadline when a call is given up as timed out; above the HTTP timeouts so those, with
   *     their more precise messages, normally win
   */
  public BlockingCalls(String service, int threads, int queue, Duration deadline) {
    this.service = service;
    this.deadline = deadline;
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            daemonThreads("cx-dispatch-" + service));
    this.executor.allowCoreThreadTimeOut(true);
  }

  /**
   * The pool of one service's dispatcher, sized by {@code endpoints}; a call is given up after
   * {@code requestsPerCall} request timeouts and a second (a call that logs in first makes two).
   */
  public static BlockingCalls forService(
      String service, ServiceEndpoints endpoints, int requestsPerCall) {
    return new BlockingCalls(
        service,
        endpoints.threadsPerService(),
        endpoints.queuePerService(),
        endpoints.requestTimeout().multipliedBy(requestsPerCall).plusSeconds(1));
  }

  /**
   * Runs a send on the pool, masking the request's credentials in whatever comes back (an error
   * message may quote them).
   */
  public CompletableFuture<SendResult> send(
      SendRequest request, String what, Callable<SendResult> call) {
    return submit(what, call).thenApply(r -> SecretMasking.scrub(r, request.credentials()));
  }

  /**
   * Runs {@code call} on the pool. Its exceptions become results through {@link
   * HttpOutcomes#failure(String, Throwable)}, with {@code what} naming the call.
   */
  public CompletableFuture<SendResult> submit(String what, Callable<SendResult> call) {
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              result.complete(call.call());
            } catch (Throwable thrown) {
              result.complete(HttpOutcomes.failure(what, thrown));
            }
          });
    } catch (RejectedExecutionException full) {
      result.complete(
          SendResult.retryable(
              0, what + ": the " + service + " dispatcher is saturated or closed", null));
    }
    return result.completeOnTimeout(
        SendResult.retryable(0, what + " timed out after " + deadline.toMillis() + " ms", null),
        deadline.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The pool itself, for asynchronous clients that take an executor. */
  public ExecutorService executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
