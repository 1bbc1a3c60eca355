package com.complaintflow.alerts.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  @Test
  void recipientRejectedWith5xxIsPermanent() throws Exception {
    SMTPAddressFailedException rcpt = new SMTPAddressFailedException(new InternetAddress("x@cf.test"), "RCPT TO",
        550, "550 5.1.1 user unknown x@cf.test");
    SendFailedException e = new SendFailedException("Invalid Addresses", rcpt);
    SendFailure f = FailureClassifier.classify(e);
    assertTrue(f.permanent());
    assertEquals("smtp-permanent-failure", f.reason());
    assertFalse(f.detail().contains("x@cf.test"), "addresses masked: " + f.detail());
  }

  @Test
  void replyCode4xxIsTransient() throws Exception {
    SendFailure f = FailureClassifier.classify(new SMTPSendFailedException("DATA", 451, "451 try later", null,
        null, null, null));
    assertFalse(f.permanent());
    assertEquals("smtp-transient-failure", f.reason());
  }

  @Test
  void connectionProblemsAreTransientAndServerWide() {
    SendFailure refused = FailureClassifier.classify(new MessagingException("connect", new ConnectException("refused")));
    assertFalse(refused.permanent());
    assertTrue(refused.connectionLevel());
    assertEquals("smtp-unreachable", refused.reason());
    SendFailure timeout = FailureClassifier.classify(new MessagingException("io", new SocketTimeoutException("read")));
    assertEquals("smtp-timeout", timeout.reason());
    assertFalse(timeout.permanent());
    assertFalse(FailureClassifier.classify(new AuthenticationFailedException("535")).permanent());
  }

  @Test
  void malformedAddressIsPermanent() {
    SendFailure f = FailureClassifier.classify(new AddressException("bad"));
    assertTrue(f.permanent());
    assertEquals("invalid-address", f.reason());
  }
}
