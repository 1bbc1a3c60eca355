package com.complaintflow.intake.mail;

import com.complaintflow.intake.health.HealthCheck;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.ComplaintSink;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one IMAP mailbox. For each message: parse, produce the Complaint or reject, wait for the
 * Kafka ack, mark the message with an IMAP keyword, then move it to the Processed or Failed folder.
 *
 * <p>Crash safety: a message is moved only after its record was acknowledged, so nothing
 * acknowledged is lost. If the process dies after the ack but before the move, the next run
 * finds the message again: when the keyword was already set it is only moved, not produced;
 * when the crash came before the keyword, it is produced again with the same deterministic
 * complaint id (Message-ID based), which downstream dedupe by complaint id absorbs.
 *
 * <p>A message that cannot be read (the server fails to fetch it, or the parser throws) is left
 * where it is and tried again at the next poll, counted per UID; the other messages go on. After
 * {@code maxReadAttempts} failures it is rejected ({@code unreadable-message} or
 * {@code unparseable-mime}) from its UID alone, without fetching it again, and moved to the Failed
 * folder. Only UIDs and flags are fetched for the whole folder: never the ENVELOPE, which a server
 * may be unable to build for a broken message. The count lives in memory, so after a restart such
 * a message gets its attempts once more and then goes the same way, under the same reject id.
 *
 * <p>Waits with IDLE where the server has it (woken at least every poll interval), else polls;
 * reconnects with exponential backoff and jitter when the server goes away.
 */
public final class ImapPoller implements Runnable, AutoCloseable, HealthCheck {
  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);
  public static final String PROCESSED_KEYWORD = "$CFProcessed";
  public static final String FAILED_KEYWORD = "$CFFailed";

  /** Points in a message's handling where tests can simulate a crash. */
  public enum Stage { AFTER_ACK, AFTER_MARK }

  @FunctionalInterface
  public interface StageHook {
    StageHook NONE = (stage, sourceId) -> { };

    void reached(Stage stage, String sourceId);
  }

  private final MailboxSettings mailbox;
  private final MailIntake intake;
  private final ComplaintSink sink;
  private final Duration ackTimeout;
  private final Duration pollInterval;
  private final boolean idleEnabled;
  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final int maxMessageBytes;
  private final int maxReadAttempts;
  private final Clock clock;
  private final StageHook hook;
  private final Session session;
  private final CountDownLatch stopped = new CountDownLatch(1);
  /**
   * Source ids this process produced recently: a message delivered twice, or one whose move
   * failed, is moved without producing again.
   */
  private final Set<String> recentlyProduced = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 10_000;
    }
  }));
  /** Read failures per "UIDVALIDITY:UID" of the folder; only the poller thread touches it. */
  private final Map<String, ReadFailure> readFailures = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ReadFailure> eldest) {
      return size() > 10_000;
    }
  };

  private record ReadFailure(int attempts, String reason, String error) {}

  private enum Handled { SKIPPED, MOVED, COPIED_AND_DELETED }
  private final ScheduledExecutorService nudger = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "imap-idle-nudge");
    t.setDaemon(true);
    return t;
  });

  private volatile Store store;
  private volatile Folder folder;
  private volatile boolean connected;
  /** For the log only (scrubbed there); /health shows {@link #healthDetail}. */
  private volatile String lastError = "not connected yet";
  private volatile String healthDetail = "not connected yet";

  public ImapPoller(MailboxSettings mailbox, MailIntake intake, ComplaintSink sink, Duration ackTimeout,
      Duration pollInterval, boolean idleEnabled, Duration backoffInitial, Duration backoffMax, int maxMessageBytes,
      int maxReadAttempts, Clock clock, StageHook hook) {
    this.mailbox = mailbox;
    this.intake = intake;
    this.sink = sink;
    this.ackTimeout = ackTimeout;
    this.pollInterval = pollInterval;
    this.idleEnabled = idleEnabled;
    this.backoffInitial = backoffInitial;
    this.backoffMax = backoffMax;
    this.maxMessageBytes = maxMessageBytes;
    this.maxReadAttempts = Math.max(1, maxReadAttempts);
    this.clock = clock;
    this.hook = hook;
    Properties props = new Properties();
    String p = "mail." + mailbox.protocol() + ".";
    long timeout = Math.max(60_000, pollInterval.toMillis() * 2);
    props.put(p + "connectiontimeout", "20000");
    props.put(p + "timeout", String.valueOf(timeout));
    props.put(p + "writetimeout", "20000");
    props.put(p + "ssl.checkserveridentity", "true");
    if (mailbox.startTls()) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    this.session = Session.getInstance(props);
  }

  public String mailboxName() {
    return mailbox.name();
  }

  @Override
  public String name() {
    return "mailbox:" + mailbox.name();
  }

  @Override
  public Result check() {
    return new Result(connected, connected ? "connected" : healthDetail);
  }

  @Override
  public void run() {
    int failures = 0;
    while (stopped.getCount() > 0) {
      try {
        pollOnce();
        failures = 0;
        waitForMail();
      } catch (MessagingException | RuntimeException e) {
        if (stopped.getCount() == 0) {
          break;
        }
        failures++;
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        healthDetail = "disconnected: " + com.complaintflow.intake.health.ProbeFailures.describe(e, null)
            + " (attempt " + failures + ")";
        disconnect();
        long delay = backoff(failures);
        log.warn("event=mailbox-error mailbox={} attempt={} retryInMs={} error={}", mailbox.name(), failures, delay,
            com.complaintflow.common.logging.Pii.scrub(lastError));
        sleep(delay);
      }
    }
    disconnect();
  }

  long backoff(int failures) {
    long cap = backoffMax.toMillis();
    long exp = backoffInitial.toMillis() * (1L << Math.min(failures - 1, 20));
    long base = Math.min(cap, exp);
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  /**
   * Connects if needed and handles every message in the folder once; returns how many it handled
   * (a message whose read failed and that is left for a later poll does not count).
   */
  public int pollOnce() throws MessagingException {
    ensureConnected();
    Folder f = folder;
    if (!(f instanceof UIDFolder uids)) {
      throw new MessagingException("folder " + mailbox.folder() + " has no UIDs");
    }
    Message[] messages = f.getMessages();
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.FLAGS);
    f.fetch(messages, profile);
    long uidValidity = uids.getUIDValidity();
    int handled = 0;
    boolean needExpunge = false;
    for (Message m : messages) {
      if (stopped.getCount() == 0) {
        break;
      }
      if (m.isExpunged() || m.isSet(Flags.Flag.DELETED)) {
        continue;
      }
      Handled h = handle(m, uidValidity, uids.getUID(m));
      needExpunge |= h == Handled.COPIED_AND_DELETED;
      handled += h == Handled.SKIPPED ? 0 : 1;
    }
    if (needExpunge) {
      f.expunge();
    }
    return handled;
  }

  private Handled handle(Message m, long uidValidity, long uid) throws MessagingException {
    Flags flags = m.getFlags();
    if (flags.contains(PROCESSED_KEYWORD) || flags.contains(FAILED_KEYWORD)) {
      // produced and acknowledged in an earlier run that died before the move
      boolean failed = flags.contains(FAILED_KEYWORD);
      log.info("event=mail-move-resumed mailbox={} failedFolder={}", mailbox.name(), failed);
      return move(m, failed);
    }
    MailIntake.Outcome outcome = read(m, uidValidity, uid);
    if (outcome == null) {
      return Handled.SKIPPED;
    }
    boolean toFailed = outcome instanceof MailIntake.Rejected r && r.toFailedFolder();
    if (!recentlyProduced.contains(outcome.sourceId())) {
      if (outcome instanceof MailIntake.Accepted a) {
        Acks.await(sink.complaint(a.complaint()), ackTimeout);
        log.info("event=complaint-accepted channel=EMAIL mailbox={} complaintId={}", mailbox.name(),
            a.complaint().getComplaintId());
      } else {
        MailIntake.Rejected r = (MailIntake.Rejected) outcome;
        Acks.await(sink.reject(r.reject()), ackTimeout);
        log.info("event=mail-rejected mailbox={} reason={} rejectId={}", mailbox.name(), r.reject().getReason(),
            r.reject().getRejectId());
      }
      recentlyProduced.add(outcome.sourceId());
    }
    hook.reached(Stage.AFTER_ACK, outcome.sourceId());
    if (folder.getPermanentFlags().contains(Flags.Flag.USER)) {
      m.setFlags(new Flags(toFailed ? FAILED_KEYWORD : PROCESSED_KEYWORD), true);
    }
    hook.reached(Stage.AFTER_MARK, outcome.sourceId());
    return move(m, toFailed);
  }

  /**
   * The message's outcome; null when reading it failed and it is left for the next poll. After
   * {@code maxReadAttempts} failures the outcome is a reject built from the UID alone.
   *
   * @throws MessagingException when the connection is gone (the poll loop reconnects)
   */
  private MailIntake.Outcome read(Message m, long uidValidity, long uid) throws MessagingException {
    String key = uidValidity + ":" + uid;
    ReadFailure failed = readFailures.get(key);
    if (failed != null && failed.attempts() >= maxReadAttempts) {
      return giveUp(failed, uidValidity, uid);
    }
    try {
      MailIntake.Outcome outcome;
      if (m.getSize() > maxMessageBytes) {
        outcome = intake.tooLarge(headerBytes(m), m.getSize(), maxMessageBytes, mailbox.name(), mailbox.folder());
      } else {
        outcome = intake.process(rawBytes(m), mailbox.name(), mailbox.folder(), clock.instant());
      }
      readFailures.remove(key);
      return outcome;
    } catch (jakarta.mail.MessageRemovedException gone) {
      // expunged by another client meanwhile: nothing left to read or to record
      readFailures.remove(key);
      return null;
    } catch (MessagingException | RuntimeException e) {
      // a failed fetch means the server cannot hand the message out; an exception from the parser means its MIME
      String reason = e instanceof MessagingException ? Reasons.UNREADABLE_MESSAGE : Reasons.UNPARSEABLE_MIME;
      ReadFailure now = new ReadFailure(failed == null ? 1 : failed.attempts() + 1, reason,
          e.getClass().getSimpleName() + ": " + e.getMessage());
      readFailures.put(key, now);
      log.warn("event=mail-read-failed mailbox={} uid={} attempt={} maxAttempts={} error={}", mailbox.name(), uid,
          now.attempts(), maxReadAttempts, com.complaintflow.common.logging.Pii.scrub(now.error()));
      if (e instanceof FolderClosedException || e instanceof StoreClosedException || !folder.isOpen()) {
        throw e instanceof MessagingException me ? me : new MessagingException("connection lost", e);
      }
      return now.attempts() >= maxReadAttempts ? giveUp(now, uidValidity, uid) : null;
    }
  }

  private MailIntake.Outcome giveUp(ReadFailure failure, long uidValidity, long uid) {
    log.warn("event=mail-given-up mailbox={} uid={} attempts={} reason={}", mailbox.name(), uid, failure.attempts(),
        failure.reason());
    return intake.unreadable(failure.reason(), failure.error(), failure.attempts(), mailbox.name(), mailbox.folder(),
        uidValidity, uid);
  }

  /** Moves by the message's number in this session: no fetch of the message itself. */
  private Handled move(Message m, boolean toFailed) throws MessagingException {
    Folder target = store.getFolder(toFailed ? mailbox.failedFolder() : mailbox.processedFolder());
    if (store instanceof IMAPStore imap && imap.hasCapability("MOVE") && folder instanceof IMAPFolder f) {
      f.moveMessages(new Message[] {m}, target);
      return Handled.MOVED;
    }
    folder.copyMessages(new Message[] {m}, target);
    m.setFlag(Flags.Flag.DELETED, true);
    return Handled.COPIED_AND_DELETED;
  }

  private static byte[] rawBytes(Message m) throws MessagingException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
      m.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new MessagingException("cannot download message: " + e.getMessage(), e);
    }
  }

  private static byte[] headerBytes(Message m) throws MessagingException {
    StringBuilder sb = new StringBuilder();
    java.util.Enumeration<String> lines = ((MimeMessage) m).getAllHeaderLines();
    while (lines.hasMoreElements()) {
      sb.append(lines.nextElement()).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private synchronized void ensureConnected() throws MessagingException {
    if (store != null && store.isConnected() && folder != null && folder.isOpen()) {
      return;
    }
    disconnect();
    Store s = session.getStore(mailbox.protocol());
    s.connect(mailbox.host(), mailbox.port(), mailbox.user(), mailbox.password());
    for (String name : new String[] {mailbox.processedFolder(), mailbox.failedFolder()}) {
      Folder target = s.getFolder(name);
      if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
        throw new MessagingException("cannot create folder " + name);
      }
    }
    Folder f = s.getFolder(mailbox.folder());
    f.open(Folder.READ_WRITE);
    store = s;
    folder = f;
    connected = true;
    lastError = "";
    healthDetail = "connected";
    log.info("event=mailbox-connected mailbox={} host={} folder={} idle={}", mailbox.name(), mailbox.host(),
        mailbox.folder(), supportsIdle());
  }

  private boolean supportsIdle() {
    try {
      return idleEnabled && store instanceof IMAPStore imap && imap.hasCapability("IDLE");
    } catch (MessagingException e) {
      return false;
    }
  }

  private void waitForMail() throws MessagingException {
    if (stopped.getCount() == 0) {
      return;
    }
    if (supportsIdle() && folder instanceof IMAPFolder f) {
      // A command that needs the connection ends IDLE (Angus sends DONE first): nudge after one
      // poll interval so a missed notification costs at most that long. getMessageCount() would
      // not do: it answers from the cache of an open folder.
      ScheduledFuture<?> nudge = nudger.schedule(() -> {
        try {
          f.doCommand(protocol -> {
            protocol.simpleCommand("NOOP", null);
            return null;
          });
        } catch (MessagingException | RuntimeException ignored) {
          // the poll loop sees the broken connection itself
        }
      }, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      try {
        f.idle(true);
      } finally {
        nudge.cancel(false);
      }
    } else {
      sleep(pollInterval.toMillis());
    }
  }

  private void sleep(long millis) {
    try {
      stopped.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.countDown();
    }
  }

  private synchronized void disconnect() {
    connected = false;
    try {
      if (folder != null && folder.isOpen()) {
        folder.close(true);
      }
    } catch (MessagingException | RuntimeException ignored) {
      // closing a dead connection
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException | RuntimeException ignored) {
      // closing a dead connection
    }
    folder = null;
    store = null;
  }

  /** Stops the loop and closes the mailbox (which also ends an IDLE wait). */
  @Override
  public void close() {
    stopped.countDown();
    Store s = store;
    if (s != null) {
      try {
        s.close();
      } catch (MessagingException | RuntimeException ignored) {
        // already gone
      }
    }
    nudger.shutdownNow();
    disconnect();
  }
}
