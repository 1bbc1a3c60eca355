package com.complaintflow.alerts.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Hands one message to the mail system for one envelope recipient. */
public interface MailSender extends AutoCloseable {

  /** The session messages are composed in. */
  Session session();

  /** Returns when the server accepted the message; throws with the server's reason otherwise. */
  void send(MimeMessage message, InternetAddress recipient) throws MessagingException;

  @Override
  void close();
}
