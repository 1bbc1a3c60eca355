package com.complaintflow.alerts.delivery;

import com.complaintflow.alerts.delivery.OutcomeStore.Outcome;
import com.complaintflow.alerts.mail.AlertEmailComposer;
import com.complaintflow.alerts.mail.FailureClassifier;
import com.complaintflow.alerts.mail.MailSender;
import com.complaintflow.alerts.mail.SendFailure;
import com.complaintflow.common.logging.Pii;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.DeadAlert;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alerts into emails: one delivery per (alert, recipient), each held through quiet hours,
 * checked against the outcome store and the resolved cases, counted by storm control (and either
 * sent alone or collected into a digest), retried with backoff on transient failures, and
 * dead-lettered on permanent ones. Single-threaded: the service loop calls {@link #accept} and
 * {@link #runDue}; time comes only from the injected clock.
 */
public final class DeliveryEngine {
  private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

  /** Settings of the engine that are not collaborators. */
  public record Settings(Map<String, List<String>> teamRecipients, Duration digestDelay, int digestMaxAlerts,
      Duration giveUpAfter) {
    public Settings {
      teamRecipients = Map.copyOf(teamRecipients);
    }
  }

  private final Clock clock;
  private final MailSender sender;
  private final AlertEmailComposer composer;
  private final OutcomeStore outcomes;
  private final DeadLetters deadLetters;
  private final ResolvedCases resolvedCases;
  private final QuietHours quietHours;
  private final StormControl storm;
  private final Backoff backoff;
  private final Settings settings;
  private final SinkStats stats;
  private final OffsetTracker offsets = new OffsetTracker();

  private final PriorityQueue<Delivery> queue = new PriorityQueue<>(
      Comparator.comparing((Delivery d) -> d.dueAt).thenComparingLong(d -> d.sequence));
  private final Map<String, Digest> digests = new LinkedHashMap<>();
  private long sequence;
  private Instant lastPrune = Instant.EPOCH;

  public DeliveryEngine(Clock clock, MailSender sender, AlertEmailComposer composer, OutcomeStore outcomes,
      DeadLetters deadLetters, ResolvedCases resolvedCases, QuietHours quietHours, StormControl storm,
      Backoff backoff, Settings settings, SinkStats stats) {
    this.clock = clock;
    this.sender = sender;
    this.composer = composer;
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.resolvedCases = resolvedCases;
    this.quietHours = quietHours;
    this.storm = storm;
    this.backoff = backoff;
    this.settings = settings;
    this.stats = stats;
  }

  /** An alert read at (partition, offset); its offset stays uncommitted until all its deliveries end. */
  public void accept(Alert alert, TopicPartition tp, long offset) {
    Instant now = clock.instant();
    stats.accepted.incrementAndGet();
    offsets.track(tp, offset);
    PendingAlert owner = new PendingAlert(alert, tp, offset, recipientsOf(alert));
    if (owner.recipients.isEmpty()) {
      log.warn("event=alert-dead-lettered alertId={} case={} reason=no-recipients", alert.getAlertId(),
          alert.getCaseNumber());
      publishDead(alert, "no-recipients", "the alert names no recipient and its team has no distribution list",
          List.of(), 0, now);
      offsets.settle(tp, offset);
      return;
    }
    Instant releaseAt = quietHours.releaseAt(alert, now);
    for (String recipient : owner.recipients) {
      String key = OutcomeStore.key(alert.getAlertId(), recipient);
      if (outcomes.contains(key)) {
        stats.duplicatesSkipped.incrementAndGet();
        log.info("event=alert-already-delivered alertId={} recipient={}", alert.getAlertId(), Pii.email(recipient));
        continue;
      }
      owner.outstanding++;
      queue.add(new Delivery(owner, recipient, key, releaseAt, sequence++));
    }
    if (owner.outstanding == 0) {
      offsets.settle(tp, offset);
    } else if (releaseAt.isAfter(now)) {
      stats.held.incrementAndGet();
      log.info("event=alert-held alertId={} case={} team={} until={} recipients={}", alert.getAlertId(),
          alert.getCaseNumber(), alert.getTeam(), releaseAt, owner.outstanding);
    }
    updatePending();
  }

  /** A record that is no alert at all (logged by the caller): its offset may be committed. */
  public void skip(TopicPartition tp, long offset) {
    offsets.track(tp, offset);
    offsets.settle(tp, offset);
  }

  /** Delivers what is due now: single emails, retries and digests. */
  public void runDue() {
    Instant now = clock.instant();
    boolean serverDown = false;
    while (!serverDown && !queue.isEmpty() && !queue.peek().dueAt.isAfter(now)) {
      Delivery d = queue.poll();
      if (d.owner.forgotten) {
        continue;
      }
      serverDown = process(d, now);
    }
    Iterator<Map.Entry<String, Digest>> it = digests.entrySet().iterator();
    while (!serverDown && it.hasNext()) {
      Digest digest = it.next().getValue();
      digest.items.removeIf(d -> d.owner.forgotten);
      if (digest.items.isEmpty()) {
        it.remove();
      } else if (!digest.flushAt.isAfter(now) || digest.items.size() >= settings.digestMaxAlerts()) {
        serverDown = flush(digest, now);
        if (digest.items.isEmpty()) {
          it.remove();
        }
      }
    }
    if (Duration.between(lastPrune, now).toMinutes() >= 1) {
      storm.prune(now);
      lastPrune = now;
    }
    updatePending();
  }

  /** Offsets below every alert that is still open. */
  public Map<TopicPartition, OffsetAndMetadata> committable() {
    return offsets.committable();
  }

  /** The partitions went to another instance (or the sink stops): drop their open work. */
  public void forget(Collection<TopicPartition> partitions) {
    Set<TopicPartition> gone = new HashSet<>(partitions);
    for (Delivery d : queue) {
      if (gone.contains(d.owner.tp)) {
        d.owner.forgotten = true;
      }
    }
    queue.removeIf(d -> d.owner.forgotten);
    for (Digest digest : digests.values()) {
      digest.items.removeIf(d -> gone.contains(d.owner.tp));
    }
    digests.values().removeIf(digest -> digest.items.isEmpty());
    offsets.forget(partitions);
    updatePending();
  }

  public int pendingDeliveries() {
    int inDigests = 0;
    for (Digest digest : digests.values()) {
      inDigests += digest.items.size();
    }
    return queue.size() + inDigests;
  }

  /** The earliest time something becomes due, or null when nothing waits. */
  public Instant nextDue() {
    Instant next = queue.isEmpty() ? null : queue.peek().dueAt;
    for (Digest digest : digests.values()) {
      if (next == null || digest.flushAt.isBefore(next)) {
        next = digest.flushAt;
      }
    }
    return next;
  }

  /** @return true when the server is unusable now, so the rest of this round should wait */
  private boolean process(Delivery d, Instant now) {
    Alert alert = d.owner.alert;
    if (outcomes.contains(d.key)) {
      stats.duplicatesSkipped.incrementAndGet();
      settle(d);
      return false;
    }
    if (resolvedCases.isResolved(alert.getCaseId())) {
      drop(d);
      return false;
    }
    InternetAddress address;
    try {
      address = AlertEmailComposer.address(d.recipient);
    } catch (AddressException e) {
      dead(d, "invalid-address", "recipient address is malformed: " + Pii.scrub(e.getMessage()), now);
      return false;
    }
    if (d.attempts == 0 && !d.stormCounted) {
      d.stormCounted = true;
      if (!storm.admitIndividually(d.recipient, now)) {
        Digest digest = digests.computeIfAbsent(d.recipient.toLowerCase(Locale.ROOT),
            r -> new Digest(d.recipient, now.plus(settings.digestDelay())));
        digest.items.add(d);
        stats.digested.incrementAndGet();
        log.info("event=alert-digested alertId={} recipient={} digestSize={} digestAt={}", alert.getAlertId(),
            Pii.email(d.recipient), digest.items.size(), digest.flushAt);
        return false;
      }
    }
    MimeMessage message;
    try {
      message = composer.alertEmail(alert, AlertEmailComposer.addresses(d.owner.recipients), now);
    } catch (MessagingException e) {
      dead(d, "unrenderable-alert", Pii.scrub(e.getMessage()), now);
      return false;
    }
    try {
      sender.send(message, address);
    } catch (MessagingException | RuntimeException e) {
      SendFailure failure = FailureClassifier.classify(e);
      d.attempts++;
      if (failure.permanent()) {
        dead(d, failure.reason(), failure.detail(), now);
        return false;
      }
      return retryLater(d, failure, now);
    }
    // recorded at once: the only window for a duplicate is between the server's OK and this write
    outcomes.record(d.key, Outcome.SENT);
    stats.sent.incrementAndGet();
    log.info("event=alert-sent alertId={} case={} kind={} recipient={} attempts={}", alert.getAlertId(),
        alert.getCaseNumber(), alert.getKind(), Pii.email(d.recipient), d.attempts + 1);
    settle(d);
    return false;
  }

  private boolean retryLater(Delivery d, SendFailure failure, Instant now) {
    stats.transientFailures.incrementAndGet();
    if (d.firstFailureAt == null) {
      d.firstFailureAt = now;
    }
    if (settings.giveUpAfter() != null && !now.isBefore(d.firstFailureAt.plus(settings.giveUpAfter()))) {
      dead(d, "smtp-retries-exhausted", failure.reason() + ": " + failure.detail(), now);
      return failure.connectionLevel();
    }
    d.dueAt = now.plus(backoff.delay(d.attempts));
    d.sequence = sequence++;
    queue.add(d);
    log.warn("event=send-failed alertId={} recipient={} reason={} attempt={} retryAt={} detail=\"{}\"",
        d.owner.alert.getAlertId(), Pii.email(d.recipient), failure.reason(), d.attempts, d.dueAt, failure.detail());
    return failure.connectionLevel();
  }

  private boolean flush(Digest digest, Instant now) {
    List<Delivery> live = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Delivery d : digest.items) {
      if (outcomes.contains(d.key) || !keys.add(d.key)) {
        stats.duplicatesSkipped.incrementAndGet();
        settle(d);
      } else if (resolvedCases.isResolved(d.owner.alert.getCaseId())) {
        drop(d);
      } else {
        live.add(d);
      }
    }
    digest.items.clear();
    if (live.isEmpty()) {
      return false;
    }
    InternetAddress address;
    MimeMessage message;
    try {
      address = AlertEmailComposer.address(digest.recipient);
      message = composer.digestEmail(address, live.stream().map(d -> d.owner.alert).toList(), now);
    } catch (MessagingException e) {
      live.forEach(d -> dead(d, "unrenderable-digest", Pii.scrub(e.getMessage()), now));
      return false;
    }
    try {
      sender.send(message, address);
    } catch (MessagingException | RuntimeException e) {
      SendFailure failure = FailureClassifier.classify(e);
      digest.attempts++;
      live.forEach(d -> d.attempts++);
      if (failure.permanent()) {
        live.forEach(d -> dead(d, failure.reason(), failure.detail(), now));
        return false;
      }
      stats.transientFailures.incrementAndGet();
      if (digest.firstFailureAt == null) {
        digest.firstFailureAt = now;
      }
      if (settings.giveUpAfter() != null && !now.isBefore(digest.firstFailureAt.plus(settings.giveUpAfter()))) {
        live.forEach(d -> dead(d, "smtp-retries-exhausted", failure.reason() + ": " + failure.detail(), now));
        return failure.connectionLevel();
      }
      digest.items.addAll(live);
      digest.flushAt = now.plus(backoff.delay(digest.attempts));
      log.warn("event=digest-send-failed recipient={} alerts={} reason={} attempt={} retryAt={} detail=\"{}\"",
          Pii.email(digest.recipient), live.size(), failure.reason(), digest.attempts, digest.flushAt,
          failure.detail());
      return failure.connectionLevel();
    }
    for (Delivery d : live) {
      outcomes.record(d.key, Outcome.SENT);
      settle(d);
    }
    stats.digests.incrementAndGet();
    stats.sent.addAndGet(live.size());
    log.info("event=digest-sent recipient={} alerts={} attempts={}", Pii.email(digest.recipient), live.size(),
        digest.attempts + 1);
    return false;
  }

  private void drop(Delivery d) {
    stats.dropped.incrementAndGet();
    log.info("event=alert-dropped reason=case-resolved alertId={} case={} recipient={}", d.owner.alert.getAlertId(),
        d.owner.alert.getCaseNumber(), Pii.email(d.recipient));
    settle(d);
  }

  private void dead(Delivery d, String reason, String detail, Instant now) {
    log.warn("event=alert-dead-lettered alertId={} case={} recipient={} reason={} attempts={} detail=\"{}\"",
        d.owner.alert.getAlertId(), d.owner.alert.getCaseNumber(), Pii.email(d.recipient), reason, d.attempts,
        detail);
    publishDead(d.owner.alert, reason, detail, List.of(d.recipient), d.attempts, now);
    outcomes.record(d.key, Outcome.DEAD);
    settle(d);
  }

  private void publishDead(Alert alert, String reason, String detail, List<String> recipients, int attempts,
      Instant now) {
    deadLetters.publish(DeadAlert.newBuilder()
        .setAlert(alert)
        .setReason(reason)
        .setDetail(detail == null ? "" : detail)
        .setFailedRecipients(new ArrayList<>(recipients))
        .setAttempts(attempts)
        .setFailedAt(now)
        .build());
    stats.deadLettered.incrementAndGet();
  }

  private void settle(Delivery d) {
    PendingAlert owner = d.owner;
    owner.outstanding--;
    if (owner.outstanding <= 0 && !owner.forgotten) {
      offsets.settle(owner.tp, owner.offset);
    }
  }

  private void updatePending() {
    stats.pending.set(pendingDeliveries());
  }

  /** The alert's own recipients plus its team's distribution list, each address once. */
  private List<String> recipientsOf(Alert alert) {
    Map<String, String> unique = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(alert.getRecipients());
    if (alert.getTeam() != null) {
      all.addAll(settings.teamRecipients().getOrDefault(alert.getTeam(), List.of()));
    }
    for (String r : all) {
      if (r != null && !r.isBlank()) {
        unique.putIfAbsent(r.trim().toLowerCase(Locale.ROOT), r.trim());
      }
    }
    return List.copyOf(new LinkedHashSet<>(unique.values()));
  }

  private static final class PendingAlert {
    final Alert alert;
    final TopicPartition tp;
    final long offset;
    final List<String> recipients;
    int outstanding;
    boolean forgotten;

    PendingAlert(Alert alert, TopicPartition tp, long offset, List<String> recipients) {
      this.alert = alert;
      this.tp = tp;
      this.offset = offset;
      this.recipients = recipients;
    }
  }

  private static final class Delivery {
    final PendingAlert owner;
    final String recipient;
    final String key;
    Instant dueAt;
    long sequence;
    int attempts;
    Instant firstFailureAt;
    boolean stormCounted;

    Delivery(PendingAlert owner, String recipient, String key, Instant dueAt, long sequence) {
      this.owner = owner;
      this.recipient = recipient;
      this.key = key;
      this.dueAt = dueAt;
      this.sequence = sequence;
    }
  }

  private static final class Digest {
    final String recipient;
    final List<Delivery> items = new ArrayList<>();
    Instant flushAt;
    int attempts;
    Instant firstFailureAt;

    Digest(String recipient, Instant flushAt) {
      this.recipient = recipient;
      this.flushAt = flushAt;
    }
  }
}
