package com.complaintflow.alerts.delivery;

import com.complaintflow.alerts.mail.MailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/** Records what would have been sent; fails on demand with scripted exceptions. */
final class FakeMailSender implements MailSender {
  record Sent(MimeMessage message, String recipient) {}

  final List<Sent> sent = new ArrayList<>();
  final Deque<MessagingException> failures = new ArrayDeque<>();
  int calls;
  private final Session session = Session.getInstance(new Properties());

  @Override
  public Session session() {
    return session;
  }

  @Override
  public void send(MimeMessage message, InternetAddress recipient) throws MessagingException {
    calls++;
    MessagingException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    message.saveChanges();
    sent.add(new Sent(message, recipient.getAddress()));
  }

  @Override
  public void close() {}
}
