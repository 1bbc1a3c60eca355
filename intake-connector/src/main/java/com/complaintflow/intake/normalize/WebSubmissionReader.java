package com.complaintflow.intake.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a web submission from JSON or from an urlencoded site form into one {@link WebSubmission}. */
public final class WebSubmissionReader {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public WebSubmission fromJson(String body) throws RejectException {
    JsonNode root = parseJsonObject(body);
    Map<String, String> typeErrors = new LinkedHashMap<>();
    JsonNode consent = root.path("consent");
    if (!consent.isMissingNode() && !consent.isNull() && !consent.isObject()) {
      typeErrors.put("consent", "must be an object");
    }
    return new WebSubmission(
        str(root, "submissionId", typeErrors), str(root, "name", typeErrors),
        str(root, "email", typeErrors), str(root, "phone", typeErrors),
        str(root, "accountId", typeErrors), str(root, "orderRef", typeErrors),
        str(root, "productRef", typeErrors), str(root, "subject", typeErrors),
        str(root, "text", typeErrors), str(root, "language", typeErrors),
        bool(consent, "contactByEmail", "consent.contactByEmail", typeErrors),
        bool(consent, "contactByPhone", "consent.contactByPhone", typeErrors),
        bool(consent, "dataProcessing", "consent.dataProcessing", typeErrors),
        str(root, "submittedAt", typeErrors), typeErrors);
  }

  /** Form field names are those of the JSON body; consent checkboxes are consentEmail, consentPhone, consentDataProcessing. */
  public WebSubmission fromForm(String body) throws RejectException {
    Map<String, String> f = parseForm(body);
    Map<String, String> typeErrors = new LinkedHashMap<>();
    return new WebSubmission(f.get("submissionId"), f.get("name"), f.get("email"), f.get("phone"),
        f.get("accountId"), f.get("orderRef"), f.get("productRef"), f.get("subject"), f.get("text"),
        f.get("language"), checkbox(f, "consentEmail", typeErrors), checkbox(f, "consentPhone", typeErrors),
        checkbox(f, "consentDataProcessing", typeErrors), f.get("submittedAt"), typeErrors);
  }

  public static JsonNode parseJsonObject(String body) throws RejectException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + " column " + e.getLocation().getColumnNr();
      throw new RejectException(Reasons.INVALID_JSON, "body is not valid JSON" + where);
    }
    if (root == null || !root.isObject()) {
      throw new RejectException(Reasons.INVALID_JSON, "body must be a JSON object");
    }
    return root;
  }

  /** application/x-www-form-urlencoded in UTF-8; a repeated field keeps its first value. */
  public static Map<String, String> parseForm(String body) throws RejectException {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return out;
    }
    for (String pair : body.strip().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        // the decoder's own message names its class: the client gets a fixed explanation
        throw new RejectException(Reasons.INVALID_FORM,
            "form body is not valid urlencoded text (a % must be followed by two hex digits)");
      }
    }
    return out;
  }

  static String str(JsonNode node, String field, Map<String, String> typeErrors) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isNumber() && List.of("accountId", "orderRef", "productRef", "submissionId", "phone").contains(field)) {
      return v.asText(); // ids and numbers are often sent as JSON numbers; their text is what counts
    }
    typeErrors.put(field, "must be a string");
    return null;
  }

  private static Boolean bool(JsonNode node, String field, String label, Map<String, String> typeErrors) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    typeErrors.put(label, "must be true or false");
    return null;
  }

  private static Boolean checkbox(Map<String, String> form, String field, Map<String, String> typeErrors) {
    String v = form.get(field);
    if (v == null) {
      return null;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "on": case "true": case "yes": case "1": return true;
      case "off": case "false": case "no": case "0": case "": return false;
      default:
        typeErrors.put(field, "must be on/off, true/false, yes/no or 1/0");
        return null;
    }
  }
}
