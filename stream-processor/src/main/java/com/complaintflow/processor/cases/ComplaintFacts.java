package com.complaintflow.processor.cases;

import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the case task needs of a complaint, taken from it before the hop to the client's task:
 * its id, time, channel and language, its thread references, and its classification (computed
 * here, on the intake's partitioning, so that the subject and body need not travel). About a
 * tenth of the complaint's size on the {@code complaints-by-client} topic; the complaint itself
 * stays on {@code complaints}.
 *
 * @param messageId the e-mail Message-ID (normalised), or the source id of an e-mail without one
 * @param caseTag the case tag found in the subject, as written
 * @param references In-Reply-To, then References (normalised)
 * @param abandonedCall a phone contact with nothing to work on (see {@link RepeatDetector})
 */
public record ComplaintFacts(String complaintId, long receivedAt, Channel channel, String language,
    String messageId, String caseTag, List<String> references, Classification classification,
    boolean abandonedCall) {

  public static ComplaintFacts of(Complaint c, ClassificationRules rules) {
    ThreadRefs thread = c.getThread();
    String messageId = thread != null ? thread.getMessageId() : null;
    if (messageId == null && c.getChannel() == Channel.EMAIL) {
      messageId = c.getSourceId();
    }
    List<String> refs = new ArrayList<>();
    if (thread != null && thread.getInReplyTo() != null) {
      refs.add(normalizeMessageId(thread.getInReplyTo()));
    }
    if (thread != null) {
      thread.getReferences().forEach(r -> refs.add(normalizeMessageId(r)));
    }
    boolean abandoned = RepeatDetector.isAbandonedCall(c);
    return new ComplaintFacts(c.getComplaintId(), c.getReceivedAt().toEpochMilli(), c.getChannel(),
        c.getLanguage(), messageId == null ? null : normalizeMessageId(messageId),
        thread == null ? null : thread.getCaseTag(), List.copyOf(refs),
        rules.classify(c.getSubject(), c.getBody()), abandoned);
  }

  /** Message-IDs compare without angle brackets and case. */
  static String normalizeMessageId(String id) {
    String s = id.strip();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }
}
