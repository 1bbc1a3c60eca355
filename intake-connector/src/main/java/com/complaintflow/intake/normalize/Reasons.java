package com.complaintflow.intake.normalize;

/** Machine-readable reject reasons (kebab case), shared by every channel. */
public final class Reasons {
  public static final String INVALID_JSON = "invalid-json";
  public static final String INVALID_FORM = "invalid-form";
  public static final String INVALID_FIELD = "invalid-field";
  public static final String MISSING_FIELD = "missing-field";
  public static final String MISSING_CONTACT_POINT = "missing-contact-point";
  public static final String BAD_PHONE_NUMBER = "bad-phone-number";
  public static final String INVALID_EMAIL = "invalid-email";
  public static final String BODY_TOO_LARGE = "body-too-large";
  public static final String UNSUPPORTED_CONTENT_TYPE = "unsupported-content-type";
  public static final String BAD_API_KEY = "bad-api-key";
  public static final String MALFORMED_CSV = "malformed-csv";
  public static final String AUTO_GENERATED = "auto-generated";
  public static final String UNPARSEABLE_MIME = "unparseable-mime";
  public static final String MESSAGE_TOO_LARGE = "message-too-large";
  /** The IMAP server failed to hand out a message (its envelope or content) maxReadAttempts times. */
  public static final String UNREADABLE_MESSAGE = "unreadable-message";
  public static final String UNKNOWN_CASE = "unknown-case";

  private Reasons() {}
}
