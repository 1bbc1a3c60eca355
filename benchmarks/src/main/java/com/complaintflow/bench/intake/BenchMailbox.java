package com.complaintflow.bench.intake;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The complaints mailbox for the e-mail intake, on the benchmark's own IMAP server
 * ({@link NoDelayGreenMail}, in this JVM): filled directly through GreenMail's store (no SMTP
 * round trip, so filling is not what is measured), counted through it, and emptied with plain
 * jakarta.mail IMAP for the baseline.
 */
public final class BenchMailbox implements AutoCloseable {
  private final NoDelayGreenMail greenMail;
  private final String password;
  private GreenMailUser user;
  private String login;

  private BenchMailbox(NoDelayGreenMail greenMail, String password) {
    this.greenMail = greenMail;
    this.password = password;
  }

  /** Starts the IMAP server; every mailbox on it gets {@code password}. */
  public static BenchMailbox start(String password) {
    NoDelayGreenMail server = new NoDelayGreenMail();
    server.start();
    return new BenchMailbox(server, password);
  }

  /**
   * Creates the mailbox {@code login} and makes it the one filled, counted and read from now on. A
   * new mailbox per repetition keeps an intake that is still shutting down away from the next
   * repetition's messages.
   */
  public void use(String login) {
    this.login = login;
    this.user = greenMail.setUser(login + "@bench.complaintflow.local", login, password);
  }

  public String login() {
    return login;
  }

  public int imapPort() {
    return greenMail.imapPort();
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  /** Appends every raw message to INBOX. */
  public void fill(List<byte[]> raw) throws MessagingException {
    Session session = Session.getInstance(new Properties());
    for (byte[] bytes : raw) {
      user.deliver(new MimeMessage(session, new ByteArrayInputStream(bytes)));
    }
  }

  public int count(String folder) throws FolderException {
    MailFolder f = folder.equals("INBOX")
        ? greenMail.getManagers().getImapHostManager().getInbox(user)
        : greenMail.getManagers().getImapHostManager().getFolder(user, folder);
    return f == null ? 0 : f.getMessageCount();
  }

  /**
   * The baseline: the intake's IMAP work without the intake. One connection, INBOX opened
   * read-write, UIDs and flags of all messages fetched, then for each message in turn what the
   * intake's poller does over IMAP: its size, the whole message downloaded, the keyword
   * {@code $CFProcessed} set and the message moved to {@code Processed} (MOVE). No parsing, no
   * Kafka. Returns messages per second from connecting to the last move; afterwards INBOX is
   * empty, as after the intake.
   */
  public double plainFetchAndMove(int expected) throws MessagingException, IOException {
    Properties props = new Properties();
    props.put("mail.imap.host", "127.0.0.1");
    props.put("mail.imap.port", Integer.toString(imapPort()));
    Session session = Session.getInstance(props);
    long t0 = System.nanoTime();
    int n;
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", imapPort(), login, password);
      Folder processed = store.getFolder("Processed");
      if (!processed.exists()) {
        processed.create(Folder.HOLDS_MESSAGES);
      }
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      try {
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        inbox.fetch(messages, profile);
        Flags done = new Flags("$CFProcessed");
        for (Message m : messages) {
          m.getSize();
          m.writeTo(OutputStream.nullOutputStream());
          m.setFlags(done, true);
          inbox.moveMessages(new Message[] {m}, processed);
        }
        n = messages.length;
      } finally {
        inbox.close(false);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (n != expected) {
      throw new IllegalStateException("plain fetch read " + n + " messages, expected " + expected);
    }
    return n / seconds;
  }
}
