package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the API augments of subjects, without Flink types: for each call of a subject's plan, the
 * cached answer for its customer key or a POST to the augment's URL ({@link ApiExchange}) checked
 * by the {@link UrlPolicy}, within the time limit. A call that fails, times out or answers badly
 * gives nothing: the subject goes on with what the others found, the failure is counted and logged
 * ({@link FailureLog}). Never blocks the caller: DNS checks and requests run on its own threads.
 */
public final class ApiAugments implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiAugments.class);

  /** What is counted. */
  public interface Counters {
    /** A request was made. */
    void called();

    /** An answer came from the cache (or a request already under way for the same key). */
    void cached();

    /** A subject went on without an augment's answer. */
    void failed();
  }

  private final AugmentSettings settings;
  private final UrlPolicy policy;
  private final Counters counters;
  private final ExecutorService pool;
  private final HttpClient http;
  private final ApiResultCache cache;
  private final FailureLog failures;

  public ApiAugments(AugmentSettings settings, UrlPolicy policy, Counters counters, Ticker ticker) {
    this.settings = settings;
    this.policy = policy;
    this.counters = counters;
    this.pool = Executors.newCachedThreadPool(daemonThreads());
    this.http =
        HttpClient.newBuilder()
            .executor(pool)
            .connectTimeout(settings.apiTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.cache = new ApiResultCache(settings.cacheEntries(), settings.cacheTtl(), ticker);
    this.failures = new FailureLog(LOG, System::nanoTime);
  }

  /** The subject with what its API augments answered; never completes exceptionally. */
  public CompletableFuture<AugmentSubject> apply(AugmentSubject subject) {
    List<AugmentPlan.ApiCall> calls = subject.plan().calls();
    if (calls.isEmpty()) {
      return CompletableFuture.completedFuture(subject);
    }
    JsonNode attributes = subject.attributes();
    @SuppressWarnings("unchecked")
    CompletableFuture<ObjectNode>[] answers = new CompletableFuture[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      answers[i] = answer(subject.tenant(), subject.key(), attributes, calls.get(i));
    }
    return CompletableFuture.allOf(answers)
        .handle(
            (done, error) -> {
              AugmentSubject out = subject;
              for (int i = 0; i < calls.size(); i++) {
                out = out.with(calls.get(i).augmentId(), answers[i].getNow(null));
              }
              return out;
            });
  }

  /** The subject went on without its answers because the operator's own time limit passed. */
  public void timedOut(AugmentSubject subject) {
    for (AugmentPlan.ApiCall call : subject.plan().calls()) {
      counters.failed();
      failures.failed(subject.tenant(), call.augmentId(), "no answer within the operator's limit");
    }
  }

  private CompletableFuture<ObjectNode> answer(
      String tenant, String key, JsonNode attributes, AugmentPlan.ApiCall call) {
    return cache
        .get(
            new ApiResultCache.Key(tenant, call.augmentId(), call.url(), key),
            () -> {
              counters.called();
              return fetch(call.url(), key, attributes);
            },
            counters::cached)
        .thenApply(all -> Augment.limit(all, null, call.attributes()))
        .exceptionally(
            error -> {
              counters.failed();
              failures.failed(tenant, call.augmentId(), reason(error));
              return null;
            });
  }

  private CompletableFuture<ObjectNode> fetch(String url, String key, JsonNode attributes) {
    byte[] body = ApiExchange.request(key, attributes);
    long limit = settings.apiTimeout().toMillis();
    return CompletableFuture.supplyAsync(() -> policy.check(url), pool)
        .thenCompose(
            uri ->
                http.sendAsync(
                    HttpRequest.newBuilder(uri)
                        .timeout(settings.apiTimeout())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    LimitedBody.of(ApiExchange.MAX_ANSWER_BYTES)))
        .thenApply(response -> ApiExchange.answer(response.statusCode(), response.body(), key))
        .orTimeout(limit, TimeUnit.MILLISECONDS);
  }

  /** A reason fit for the log: what went wrong, never what was sent or answered. */
  static String reason(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof AugmentFailure) {
      return e.getMessage();
    }
    if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
      return "no answer within the time limit";
    }
    if (e instanceof ConnectException) {
      return "the connection was refused or could not be made";
    }
    if (e instanceof IOException) {
      return "the request failed (" + e.getClass().getSimpleName() + ")";
    }
    return "unexpected " + e.getClass().getSimpleName();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "cx-augment-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
