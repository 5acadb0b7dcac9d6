package io.cxengage.connectors.sendgrid;

import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.dispatch.InvalidSendException;
import io.cxengage.connectors.dispatch.Params;
import io.cxengage.connectors.dispatch.SendRequest;
import java.util.List;

/**
 * The mail of a {@code sendgrid email} send, from its params (dsl.md): {@code to} (one address or
 * an array), {@code subject}, {@code from} (default: the integration's {@code from}), {@code
 * message} (text/plain), {@code html} (text/html), {@code toname}, {@code fromname}. The send id
 * goes into {@code custom_args} so SendGrid's event webhooks can be tied back to the send.
 */
final class SendgridMail {

  /** The custom arg that carries the send id. */
  static final String SEND_ID_ARG = "cx_send_id";

  private SendgridMail() {}

  static Mail from(SendRequest request, Credentials credentials) {
    Params params = new Params(request);
    List<String> to = params.list("to");
    if (to.isEmpty()) {
      throw new InvalidSendException("missing mandatory param 'to' for sendgrid email");
    }
    String subject = params.required("subject");
    String from = params.requiredWithDefault("from", credentials, "from");
    String text = params.optional("message").orElse(null);
    String html = params.optional("html").orElse(null);
    if (text == null && html == null) {
      // SendGrid refuses a mail without content; saying so here is clearer than its 400.
      throw new InvalidSendException("sendgrid email needs a 'message' or an 'html' param");
    }

    Mail mail = new Mail();
    mail.setFrom(new Email(from, params.optional("fromname").orElse(null)));
    mail.setSubject(subject);
    Personalization personalization = new Personalization();
    String toName = params.optional("toname").orElse(null);
    to.forEach(address -> personalization.addTo(new Email(address, toName)));
    mail.addPersonalization(personalization);
    // SendGrid requires text/plain before text/html.
    if (text != null) {
      mail.addContent(new Content("text/plain", text));
    }
    if (html != null) {
      mail.addContent(new Content("text/html", html));
    }
    mail.addCustomArg(SEND_ID_ARG, request.sendId());
    return mail;
  }
}
