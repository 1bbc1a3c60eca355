package com.complaintflow.launcher.load;

import com.complaintflow.common.logging.Pii;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation and normalization shared by the row mappers: emails lower-cased, phone numbers to
 * E.164 (libphonenumber, numbers without a country code read in the default region), language tags
 * to their BCP 47 language, enum symbols upper-cased. Each check adds a {@link RowProblem} instead
 * of throwing, so that a row reports all its problems at once. Quoted values are masked (Pii).
 */
final class FieldRules {
  // deliberately simple: one '@', a dot in the domain, no spaces; the mail server has the last word
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
  private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$");
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final String defaultRegion;
  private final List<RowProblem> problems = new ArrayList<>();

  FieldRules(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  List<RowProblem> problems() {
    return problems;
  }

  String required(String value, String field) {
    if (value == null) {
      problems.add(new RowProblem("missing-field", field, "a value is required"));
    }
    return value;
  }

  String email(String value, String field) {
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(lower).matches()) {
      problems.add(new RowProblem("invalid-email", field, "'" + Pii.scrub(value) + "' is not an email address"));
      return null;
    }
    return lower;
  }

  List<String> emails(List<String> values, String field) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      String email = email(value, field);
      if (email != null && !out.contains(email)) {
        out.add(email);
      }
    }
    return out;
  }

  List<String> phones(List<String> values, String field) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      String e164 = phone(value, field);
      if (e164 != null && !out.contains(e164)) {
        out.add(e164);
      }
    }
    return out;
  }

  String phone(String value, String field) {
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(value, defaultRegion);
      if (PHONES.isValidNumber(number)) {
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
      }
      problems.add(new RowProblem("invalid-phone", field, "'" + Pii.phone(value)
          + "' is not a valid phone number (numbers without +country code are read as " + defaultRegion + ")"));
    } catch (NumberParseException e) {
      problems.add(new RowProblem("invalid-phone", field, "'" + Pii.phone(value) + "' is not a phone number: "
          + e.getErrorType().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }
    return null;
  }

  String language(String value, String field) {
    if (value == null) {
      return null;
    }
    if (!LANGUAGE.matcher(value).matches()) {
      problems.add(new RowProblem("invalid-language", field, "'" + value + "' is not a language tag such as ru, en, bg"));
      return null;
    }
    return Locale.forLanguageTag(value.replace('_', '-')).getLanguage();
  }

  List<String> languages(List<String> values, String field) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      String language = language(value, field);
      if (language != null && !out.contains(language)) {
        out.add(language);
      }
    }
    return out;
  }

  /** The enum constant named by the value (case-insensitive), the fallback when blank, null when invalid. */
  <E extends Enum<E>> E symbol(String value, Class<E> type, E fallback, String field, String reason) {
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.replace('-', '_').replace(' ', '_'))) {
        return constant;
      }
    }
    problems.add(new RowProblem(reason, field, "'" + value + "' is not one of "
        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
    return null;
  }

  Integer nonNegativeInt(String value, int fallback, String field, String reason) {
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new RowProblem(reason, field, "'" + value + "' is not a whole number of 0 or more"));
    return null;
  }
}
