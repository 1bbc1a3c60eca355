package com.complaintflow.launcher.demo;

import static com.complaintflow.launcher.demo.DemoData.GEORGI;
import static com.complaintflow.launcher.demo.DemoData.IVAN;
import static com.complaintflow.launcher.demo.DemoData.JOHN;
import static com.complaintflow.launcher.demo.DemoData.MARGARET;
import static com.complaintflow.launcher.demo.DemoData.MARIA;
import static com.complaintflow.launcher.demo.DemoData.OLGA;
import static com.complaintflow.launcher.demo.DemoData.PETYA;
import static com.complaintflow.launcher.demo.DemoData.SERGEY;

import com.complaintflow.launcher.demo.DemoData.DemoClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's complaints, in Russian, English and Bulgarian, through every channel as real systems
 * would send them: emails over SMTP (one a reply carrying its case tag), web forms as JSON and as
 * urlencoded site forms, call records as JSON, Twilio callbacks and Asterisk CDR lines, including
 * one client's three abandoned calls, legal threats and clients who complain again.
 */
final class DemoTraffic {
  private static final DateTimeFormatter CDR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String HOTLINE = "+78001000000";

  /** One thing a channel system does; false means "not yet possible, try again shortly". */
  @FunctionalInterface
  interface Action {
    boolean run() throws Exception;
  }

  record Step(int atSecond, String what, Action action) {}

  private final Channels channels;
  private final DemoStats stats;
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final List<String> problems = new ArrayList<>();

  DemoTraffic(Channels channels, DemoStats stats) {
    this.channels = channels;
    this.stats = stats;
  }

  int sent() {
    return sent.get();
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** Schedules every step on {@code scheduler}, relative to now. */
  void schedule(ScheduledExecutorService scheduler) {
    for (Step step : steps()) {
      scheduler.schedule(() -> attempt(scheduler, step, 0), step.atSecond(), TimeUnit.SECONDS);
    }
  }

  private void attempt(ScheduledExecutorService scheduler, Step step, int tries) {
    try {
      if (step.action().run()) {
        sent.incrementAndGet();
      } else if (tries < 40) {
        scheduler.schedule(() -> attempt(scheduler, step, tries + 1), 3, TimeUnit.SECONDS);
      } else {
        problem(step.what() + ": gave up waiting");
      }
    } catch (Exception e) {
      failed.incrementAndGet();
      problem(step.what() + ": " + e.getMessage());
    }
  }

  private synchronized void problem(String text) {
    problems.add(text);
  }

  List<Step> steps() {
    List<Step> s = new ArrayList<>();
    s.add(new Step(1, "email ru (A-tier)", () -> email(IVAN, "Сломался холодильник после недели работы",
        "Здравствуйте!\n\nХолодильник FROST-300, купленный 10 дней назад (заказ ORD-4411), перестал морозить."
            + " Продукты испортились. Прошу срочно прислать мастера или заменить товар.\n\nИван Петров")));
    s.add(new Step(3, "web JSON en", () -> web(JOHN, "Charged twice for order ORD-5531",
        "Hello, my card was charged twice for order ORD-5531 (2 x 89.90 EUR). Please refund the double charge.", "en")));
    s.add(new Step(5, "call record ru", () -> call(OLGA, "answered", "Курьер опоздал на три дня, посылку оставили"
        + " у соседей. Клиентка недовольна доставкой.", "ru")));
    s.add(new Step(7, "email bg", () -> email(MARIA, "Пратката закъснява вече две седмици",
        "Здравейте,\n\nпоръчах прахосмукачка на 3-ти, а пратката още не е пристигнала. Куриерът не отговаря."
            + "\n\nПоздрави,\nМария Георгиева")));
    s.add(new Step(9, "Twilio no-answer (1st abandoned call)", () -> twilio(SERGEY, "no-answer", null)));
    s.add(new Step(11, "web form ru (site form, unknown client)", () -> webForm(Map.of(
        "name", "Анна Белова", "email", "anna.belova@example.ru", "phone", "8 (916) 555-44-33",
        "subject", "Грубый оператор", "text", "Оператор на горячей линии нагрубил мне и бросил трубку.",
        "consentEmail", "on", "consentDataProcessing", "on"))));
    s.add(new Step(13, "Asterisk CDR bg (answered with note)", () -> cdr(GEORGI, "ANSWERED",
        "Фактурата е грешна: таксуван два пъти за доставка")));
    s.add(new Step(15, "email en legal threat (A-tier)", () -> email(MARGARET, "Damaged TV - I will take legal action",
        "Dear Sir or Madam,\n\nThe television delivered on Monday arrived with a cracked screen. This is the third"
            + " faulty unit. Unless it is replaced this week my lawyer will take legal action.\n\nMargaret Collins")));
    s.add(new Step(18, "Asterisk CDR (2nd abandoned call)", () -> cdr(SERGEY, "NO ANSWER", "")));
    s.add(new Step(21, "email ru (unknown sender)", () -> emailFrom("Дмитрий Соколов", "d.sokolov@example.ru",
        "Верните деньги за возврат", "Вернул товар 2 недели назад, деньги до сих пор не вернули. Заказ ORD-3902.")));
    s.add(new Step(24, "call JSON (3rd abandoned call)", () -> call(SERGEY, "abandoned", null, "ru")));
    s.add(new Step(27, "web JSON bg (A-tier)", () -> web(PETYA, "Счупен телевизор",
        "Телевизорът пристигна със счупен екран. Моля за замяна.", "bg")));
    s.add(new Step(31, "email ru (same client again: repeat)", () -> email(OLGA, "Опять курьер не приехал",
        "Второй раз за месяц курьер не приехал в назначенное время. Заказ ORD-4520.")));
    s.add(new Step(35, "reply email ru with case tag", () -> replyTo(IVAN,
        "Добавлю: мастер так и не позвонил. Фото серийного номера могу прислать.")));
    s.add(new Step(39, "web JSON en (same client again: repeat)", () -> web(JOHN, "Still charged twice",
        "Still no refund for the double charge on ORD-5531. Please return my money.", "en")));
    s.add(new Step(43, "Twilio completed ru with transcript, legal threat", () -> twilio(OLGA, "completed",
        "Клиентка грозит обратиться в суд и Роспотребнадзор из-за сорванных доставок.")));
    s.add(new Step(47, "email bg (rude staff)", () -> email(GEORGI, "Грубо обслужване в магазина",
        "Служителят в магазина беше груб и отказа да приеме рекламацията ми.")));
    s.add(new Step(51, "web form en (unknown client)", () -> webForm(Map.of(
        "name", "Emily Clarke", "email", "emily.clarke@example.co.uk", "subject", "Parcel arrived damaged",
        "text", "The parcel arrived damaged and the kettle inside is broken.", "language", "en",
        "consentEmail", "true"))));
    s.add(new Step(56, "reply email en with case tag", () -> replyTo(JOHN,
        "Attaching the bank statement that shows both charges.")));
    s.add(new Step(62, "call record en (A-tier)", () -> call(MARGARET, "answered",
        "Client called again about the cracked TV screen, very upset, wants a replacement urgently.", "en")));
    s.add(new Step(70, "email ru (A-tier, repeat)", () -> email(IVAN, "Снова проблема с доставкой",
        "Заказанный фильтр для холодильника доставили не тот. Прошу заменить.")));
    s.add(new Step(80, "Asterisk CDR bg (answered)", () -> cdr(MARIA, "ANSWERED",
        "Пратката пристигна повредена, иска връщане на парите")));
    s.add(new Step(90, "web JSON ru", () -> webFrom("Павел Никитин", "p.nikitin@example.ru", "+79037778899",
        "Списали деньги дважды", "С карты дважды списали оплату за заказ ORD-6120.", "ru")));
    return s;
  }

  private boolean email(DemoClient client, String subject, String text) throws Exception {
    return emailFrom(client.name(), client.email(), subject, text);
  }

  private boolean emailFrom(String name, String address, String subject, String text) throws Exception {
    channels.email(name, address, subject, text);
    return true;
  }

  /** A reply to the client's newest case, with its tag in the subject, once the case exists. */
  private boolean replyTo(DemoClient client, String text) throws Exception {
    DemoStats.CaseView c = stats.latestCaseOf(client.id());
    if (c == null) {
      return false;
    }
    channels.email(client.name(), client.email(), "Re: [" + c.caseNumber + "] " + (client.language().equals("en")
        ? "your complaint" : "ваше обращение"), text);
    return true;
  }

  private boolean web(DemoClient client, String subject, String text, String language) throws Exception {
    return webFrom(client.name(), client.email(), client.phone(), subject, text, language);
  }

  private boolean webFrom(String name, String email, String phone, String subject, String text, String language)
      throws Exception {
    String json = "{" + field("name", name) + "," + field("email", email) + "," + field("phone", phone) + ","
        + field("subject", subject) + "," + field("text", text) + "," + field("language", language) + ","
        + "\"consent\":{\"contactByEmail\":true,\"dataProcessing\":true}}";
    return check(channels.webJson(json), "web JSON");
  }

  private boolean webForm(Map<String, String> fields) throws Exception {
    return check(channels.webForm(fields), "web form");
  }

  private boolean call(DemoClient client, String disposition, String notes, String language) throws Exception {
    Instant end = Instant.now();
    boolean answered = disposition.equals("answered");
    Instant start = end.minusSeconds(answered ? 300 : 45);
    String json = "{" + field("callId", "demo-" + run + "-" + sent.get() + "-" + client.id()) + ","
        + field("callerNumber", client.phone()) + "," + field("calledNumber", HOTLINE) + ","
        + field("queue", "complaints") + "," + field("startedAt", start.toString()) + ","
        + (answered ? field("answeredAt", start.plusSeconds(20).toString()) + "," : "")
        + field("endedAt", end.toString()) + "," + field("disposition", disposition)
        + (notes == null ? "" : "," + field("notes", notes)) + "," + field("language", language) + "}";
    return check(channels.call(json), "call record");
  }

  private boolean call(DemoClient client, String disposition, String notes) throws Exception {
    return call(client, disposition, notes, client.language());
  }

  private boolean twilio(DemoClient client, String status, String transcript) throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("CallSid", "CA" + run + Integer.toHexString(new Random().nextInt()) + sent.get());
    f.put("AccountSid", "ACdemo0000000000000000000000000000");
    f.put("From", client.phone());
    f.put("To", HOTLINE);
    f.put("Direction", "inbound");
    f.put("CallStatus", status);
    f.put("CallDuration", status.equals("completed") ? "240" : "0");
    f.put("Timestamp", RFC_1123.format(Instant.now()));
    if (transcript != null) {
      f.put("TranscriptionText", transcript);
    }
    return check(channels.twilio(f), "Twilio callback");
  }

  private boolean cdr(DemoClient client, String disposition, String note) throws Exception {
    Instant end = Instant.now();
    Instant start = end.minusSeconds(180);
    boolean answered = disposition.equals("ANSWERED");
    String national = client.phone().startsWith("+7") ? "8" + client.phone().substring(2) : client.phone();
    String line = String.join(",", q(""), q(national), q("100"), q("complaints"),
        q("\"" + client.name() + "\" <" + national + ">"), q("SIP/trunk-0001"), q(answered ? "SIP/agent-7" : ""),
        q("Queue"), q("complaints,t"), q(CDR_TIME.format(start)), q(answered ? CDR_TIME.format(start.plusSeconds(25)) : ""),
        q(CDR_TIME.format(end)), q("180"), q(answered ? "155" : "0"), q(disposition), q("DOCUMENTATION"),
        q(end.getEpochSecond() + "." + run + sent.get()), q(note));
    return check(channels.asteriskCdr(line + "\n"), "Asterisk CDR");
  }

  private static String q(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static String field(String name, String value) {
    return "\"" + name + "\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(value).toString();
  }

  private boolean check(Channels.Answer answer, String what) {
    if (!answer.ok()) {
      problem(what + " answered " + answer.status() + ": " + answer.body());
    }
    return true;
  }
}
