package com.complaintflow.launcher.demo;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

/** Counts what arrived in a mailbox of the stack's mail server (the supervisors' alert emails). */
final class Mailboxes {
  private final GreenMail greenMail;

  Mailboxes(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Messages in the address's inbox; 0 while nothing was delivered to it (GreenMail creates it on delivery). */
  int count(String address) {
    try {
      GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
      if (user == null) {
        return 0;
      }
      return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    } catch (Exception e) {
      return 0;
    }
  }
}
