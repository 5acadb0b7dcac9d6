package io.cxengage.admin.http;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cxengage.admin.augment.CsvUploader;
import io.cxengage.admin.augment.UploadManifest;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.error.UnsupportedMediaTypeException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An augment's CSV file ({@code /tenants/{tenant}/augments/{id}/file}, also under {@code
 * /augment}): upload (streamed, replacing the previous rows), download as CSV, delete.
 */
public final class AugmentFileRoutes {

  private static final String TEXT_CSV = "text/csv";

  private final TenantDocuments augments;
  private final CsvUploader uploader;

  public AugmentFileRoutes(TenantDocuments augments, CsvUploader uploader) {
    this.augments = augments;
    this.uploader = uploader;
  }

  public void register(RouteTable table) {
    String base = "/tenants/{tenant}/augments";
    String alias = "/tenants/{tenant}/augment";
    table
        .add(HandlerType.POST, base + "/{id}/file")
        .alias(alias + "/{id}/file")
        .tag("augments")
        .summary("Upload the augment's CSV (replaces the previous upload); streamed")
        .body(BodyKind.CSV)
        .responds(201, "{\"rows\": n, \"rejected\": [{line, error}]}")
        .responds(400, "no header, or the CSV cannot be read")
        .responds(404, "no such augment")
        .responds(415, "neither text/csv nor multipart/form-data with a 'file' part")
        .handle(this::upload);
    table
        .add(HandlerType.GET, base + "/{id}/file")
        .alias(alias + "/{id}/file")
        .tag("augments")
        .summary("Download the augment's rows as CSV")
        .responds(200, "text/csv")
        .responds(404, "no such augment, or no file uploaded")
        .handle(this::download);
    table
        .add(HandlerType.DELETE, base + "/{id}/file")
        .alias(alias + "/{id}/file")
        .tag("augments")
        .summary("Delete the augment's uploaded rows")
        .responds(204, "deleted")
        .responds(404, "no such augment, or no file uploaded")
        .handle(this::deleteFile);
  }

  private void upload(Context ctx) throws IOException {
    String tenant = tenant(ctx);
    String id = id(ctx);
    augments.get(tenant, id);
    String type = RequestBodies.mediaType(ctx);
    CsvUploader.Result result;
    if (type.equals("multipart/form-data")) {
      UploadedFile file = ctx.uploadedFile("file");
      if (file == null) {
        throw new BadRequestException("the multipart body needs a part named 'file'")
            .with("field", "file");
      }
      try (InputStream in = file.content()) {
        result = uploader.upload(tenant, id, in);
      }
    } else if (type.isEmpty()
        || type.equals(TEXT_CSV)
        || type.equals("application/csv")
        || type.equals("text/plain")
        || type.equals("application/octet-stream")) {
      try (InputStream in = ctx.req().getInputStream()) {
        result = uploader.upload(tenant, id, in);
      }
    } else {
      throw new UnsupportedMediaTypeException(
              "upload the file as 'Content-Type: text/csv' or as multipart/form-data with a part"
                  + " named 'file' (got '"
                  + type
                  + "')")
          .with("content-type", type);
    }
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("rows", result.rows());
    body.put("rejected", result.rejected());
    if (result.rejectedCount() > result.rejected().size()) {
      body.put("rejected-count", result.rejectedCount());
    }
    Reply.created(ctx, body);
  }

  private void download(Context ctx) throws IOException {
    String tenant = tenant(ctx);
    String id = id(ctx);
    augments.get(tenant, id);
    UploadManifest manifest = manifest(tenant, id);
    ctx.status(200);
    ctx.contentType(TEXT_CSV + "; charset=utf-8");
    Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
    try (CsvGenerator csv = new CsvMapper().getFactory().createGenerator(writer)) {
      csv.setSchema(CsvSchema.emptySchema());
      writeRow(csv, manifest.columns());
      uploader.rows(tenant, id, manifest, values -> writeRow(csv, values));
    }
  }

  private void deleteFile(Context ctx) {
    String tenant = tenant(ctx);
    String id = id(ctx);
    augments.get(tenant, id);
    if (!uploader.delete(tenant, id)) {
      throw noFile(tenant, id);
    }
    Reply.noContent(ctx);
  }

  private UploadManifest manifest(String tenant, String id) {
    return uploader.manifest(tenant, id).orElseThrow(() -> noFile(tenant, id));
  }

  private static NotFoundException noFile(String tenant, String id) {
    return new NotFoundException("augment " + id + " of tenant " + tenant + " has no file uploaded")
        .with("id", id);
  }

  private static void writeRow(CsvGenerator csv, List<String> values) {
    try {
      csv.writeStartArray();
      for (String value : values) {
        csv.writeString(value);
      }
      csv.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tenant(Context ctx) {
    return ctx.pathParam("tenant");
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
