package com.complaintflow.intake.normalize;

import java.util.Map;

/**
 * A complaint as the web site (form or JSON) sent it, before validation. String fields are raw;
 * {@code typeErrors} lists fields that had the wrong JSON type, so they are reported with the rest.
 */
public record WebSubmission(
    String submissionId,
    String name,
    String email,
    String phone,
    String accountId,
    String orderRef,
    String productRef,
    String subject,
    String text,
    String language,
    Boolean consentEmail,
    Boolean consentPhone,
    Boolean consentDataProcessing,
    String submittedAt,
    Map<String, String> typeErrors) {}
