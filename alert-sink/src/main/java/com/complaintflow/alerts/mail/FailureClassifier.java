package com.complaintflow.alerts.mail;

import com.complaintflow.common.logging.Pii;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Separates failures worth retrying from those that are not, by SMTP reply class (RFC 5321:
 * 4yz transient, 5yz permanent) and exception type. Anything unrecognised counts as transient:
 * a wrong guess then costs a retry, not a lost alert.
 */
public final class FailureClassifier {
  private FailureClassifier() {}

  public static SendFailure classify(Exception e) {
    if (e instanceof AddressException) {
      return new SendFailure(true, false, "invalid-address", detail(e));
    }
    Integer code = replyCode(e);
    if (code != null) {
      if (code >= 500 && code < 600) {
        return new SendFailure(true, false, "smtp-permanent-failure", code + " " + detail(e));
      }
      if (code >= 400 && code < 500) {
        return new SendFailure(false, false, "smtp-transient-failure", code + " " + detail(e));
      }
    }
    if (e instanceof AuthenticationFailedException) {
      // a configuration problem on our side: keep the alerts and retry until an operator fixes it
      return new SendFailure(false, true, "smtp-authentication-failed", detail(e));
    }
    if (e instanceof MailConnectException || hasCause(e, ConnectException.class)
        || hasCause(e, UnknownHostException.class)) {
      return new SendFailure(false, true, "smtp-unreachable", detail(e));
    }
    if (hasCause(e, SocketTimeoutException.class)) {
      return new SendFailure(false, true, "smtp-timeout", detail(e));
    }
    if (hasCause(e, IOException.class)) {
      return new SendFailure(false, true, "smtp-io-error", detail(e));
    }
    if (e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
        && sfe.getInvalidAddresses().length > 0 && code == null) {
      return new SendFailure(true, false, "invalid-address", detail(e));
    }
    return new SendFailure(false, e instanceof MessagingException && !(e instanceof SendFailedException),
        "smtp-transient-failure", detail(e));
  }

  /** The SMTP reply code, looking through SendFailedException's chain of per-address failures. */
  static Integer replyCode(Throwable e) {
    Integer found = null;
    Throwable t = e;
    int depth = 0;
    while (t != null && depth++ < 10) {
      int code = -1;
      if (t instanceof SMTPAddressFailedException a) {
        code = a.getReturnCode();
      } else if (t instanceof SMTPSenderFailedException s) {
        code = s.getReturnCode();
      } else if (t instanceof SMTPSendFailedException s) {
        code = s.getReturnCode();
      }
      if (code > 0) {
        // a permanent code anywhere in the chain decides; otherwise the first transient one
        if (code >= 500) {
          return code;
        }
        if (found == null) {
          found = code;
        }
      }
      t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
    }
    return found;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    Throwable t = e;
    int depth = 0;
    while (t != null && depth++ < 10) {
      if (type.isInstance(t)) {
        return true;
      }
      t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
    }
    return false;
  }

  private static String detail(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Pii.scrub(HeaderText.clean(message, 300));
  }
}
