package com.complaintflow.schemas;

import com.complaintflow.schemas.avro.Attachment;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.Consent;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic test records with every optional field filled. */
public final class Samples {
  private Samples() {}

  public static Complaint complaint(int n) {
    String email = "client" + (n % 300) + "@example.com";
    return Complaint.newBuilder()
        .setComplaintId(String.format("00000000-0000-5000-8000-%012d", n))
        .setChannel(Channel.values()[n % 3])
        .setSourceSystem("imap:complaints")
        .setSourceId("<msg-" + n + "@mail.example.com>")
        .setReceivedAt(Instant.ofEpochMilli(1_780_000_000_000L + n * 1000L))
        .setSentAt(Instant.ofEpochMilli(1_780_000_000_000L + n * 1000L - 5000))
        .setClientKey(email)
        .setContact(ContactPoints.newBuilder()
            .setName("Иван Петров " + n).setEmail(email).setPhone("+7495123" + String.format("%04d", n % 10000))
            .setAccountId(null).build())
        .setSubject("Брак товара, заказ №" + n)
        .setBody("Здравствуйте! Получил товар с браком. Прошу вернуть деньги. #" + n)
        .setLanguage("ru")
        .setOrderRef("ORD-" + n)
        .setAttachments(List.of(new Attachment("photo.jpg", "image/jpeg", 123_456L)))
        .setThread(ThreadRefs.newBuilder().setMessageId("<msg-" + n + "@mail.example.com>")
            .setReferences(List.of("<a@x>", "<b@x>")).setCaseTag(null).build())
        .setConsent(new Consent(true, false, true))
        .setAttributes(Map.of("mailbox", "complaints"))
        .build();
  }
}
