package com.complaintflow.intake.normalize;

import com.complaintflow.common.logging.Pii;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Normalizes phone numbers to E.164 with libphonenumber; numbers without a country code use the default region. */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  public PhoneNumbers(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /**
   * @param field the input field, named in the reject
   * @throws RejectException bad-phone-number when libphonenumber cannot read it or it is not a possible number
   */
  public String toE164(String raw, String field) throws RejectException {
    String trimmed = raw == null ? "" : raw.trim();
    // Call systems write international numbers as 00<cc>... or with a leading 8 (RU trunk prefix);
    // libphonenumber handles both for the default region, but "00" needs the "+" form elsewhere.
    if (trimmed.startsWith("00")) {
      trimmed = "+" + trimmed.substring(2);
    }
    try {
      PhoneNumber number = UTIL.parse(trimmed, defaultRegion);
      if (!UTIL.isPossibleNumber(number)) {
        throw bad(field, "not a possible number: " + Pii.phone(trimmed));
      }
      return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw bad(field, e.getErrorType().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
          + ": " + Pii.phone(trimmed));
    }
  }

  /** Like {@link #toE164} but returns the field error instead of throwing, for collecting all errors. */
  public FieldError check(String raw, String field) {
    try {
      toE164(raw, field);
      return null;
    } catch (RejectException e) {
      return e.fieldErrors().get(0);
    }
  }

  private static RejectException bad(String field, String why) {
    String message = "cannot read " + field + " as a phone number (" + why + ")";
    return new RejectException(Reasons.BAD_PHONE_NUMBER, message,
        java.util.List.of(new FieldError(field, Reasons.BAD_PHONE_NUMBER, message)));
  }
}
