package com.complaintflow.launcher.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;

/**
 * GreenMail (SMTP + IMAP) inside the launcher's JVM: the complaints mailbox the intake polls and
 * the supervisors' mailboxes the alert sink writes to. Mail lives in memory and is gone after a
 * restart. A message to any other address creates that mailbox on delivery, with the address as
 * both login and password (GreenMail's behaviour).
 */
final class MailServer {
  static final String HOST = "localhost";

  private final int smtpPort;
  private final int imapPort;
  private final Endpoints.Mailbox complaints;
  private final List<Endpoints.Mailbox> supervisors;
  private GreenMail greenMail;

  MailServer(int smtpPort, int imapPort, Endpoints.Mailbox complaints, List<Endpoints.Mailbox> supervisors) {
    this.smtpPort = smtpPort;
    this.imapPort = imapPort;
    this.complaints = complaints;
    this.supervisors = List.copyOf(supervisors);
  }

  void start() {
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    greenMail.start();
    greenMail.setUser(complaints.address(), complaints.user(), complaints.password());
    for (Endpoints.Mailbox supervisor : supervisors) {
      greenMail.setUser(supervisor.address(), supervisor.user(), supervisor.password());
    }
  }

  Endpoints.Mail endpoints() {
    return new Endpoints.Mail(HOST, smtpPort, HOST, imapPort, complaints, supervisors,
        "mail to any other address is kept too: IMAP login and password are the address itself");
  }

  /** For tests and the demo's summary: the GreenMail instance. */
  GreenMail greenMail() {
    return greenMail;
  }

  void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }
}
