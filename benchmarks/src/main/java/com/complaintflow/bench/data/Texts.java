package com.complaintflow.bench.data;

import java.util.List;
import java.util.Random;

/**
 * Complaint texts in Russian, English and Bulgarian, assembled from sentences per category so that
 * the classifier has real work (keyword stems, several categories in one text, the occasional
 * legal threat or urgency word) and bodies vary in length like real mail (about 150-1,500 chars).
 */
final class Texts {
  record Language(String tag, List<String> subjects, List<List<String>> byCategory, List<String> filler,
      List<String> urgent, List<String> legal, String greeting, String closing) {}

  static final Language RU = new Language("ru",
      List.of("Жалоба", "Претензия по заказу", "Проблема с доставкой", "Ошибка в счете", "Верните деньги",
          "Недовольна обслуживанием", "Бракованный товар"),
      List.of(
          List.of("Чайник сломался через неделю, это явный брак.", "Товар пришел с трещиной на корпусе.",
              "Пылесос не работает после первого включения.", "Качество ужасное, краска облезла."),
          List.of("Курьер опоздал на три дня и не позвонил.", "Посылка до сих пор не пришла, трек не обновляется.",
              "Доставка задержана уже вторую неделю.", "Заказ не привезли в указанное время."),
          List.of("С карты дважды списали оплату за один заказ.", "В счете начислен тариф, который я не подключал.",
              "Платеж прошел, но в квитанции другая сумма.", "Списали деньги за подписку без согласия."),
          List.of("Оператор грубо разговаривал и бросил трубку.", "Менеджер обещал перезвонить и не перезвонил.",
              "Сотрудник в магазине был невежлив.", "Обслуживание на горячей линии ужасное."),
          List.of("Прошу оформить возврат и вернуть деньги.", "Хочу обменять товар на другой размер.",
              "Требую компенсацию за испорченный праздник.", "Верните стоимость доставки.")),
      List.of("Номер заказа указан в письме.", "Я ваш клиент уже много лет.", "Прошу разобраться как можно скорее.",
          "Фотографии прилагаю.", "Жду ответа в течение трех дней.", "Раньше таких проблем не было.",
          "Звонил несколько раз, никто не помог.", "Очень расстроена ситуацией."),
      List.of("Это срочно, прибор искрит и это опасно!", "Прошу ответить немедленно."),
      List.of("Иначе буду вынужден обратиться в суд и в Роспотребнадзор.", "Мой юрист уже готовит претензионное письмо."),
      "Здравствуйте!", "С уважением, клиент.");

  static final Language EN = new Language("en",
      List.of("Complaint", "Order issue", "Late delivery", "Wrong invoice", "Refund request", "Rude staff",
          "Faulty product"),
      List.of(
          List.of("The kettle stopped working after a week, clearly defective.", "The item arrived cracked and damaged.",
              "The vacuum is faulty, it broke on first use.", "Poor quality, the paint is peeling."),
          List.of("The courier was three days late and never called.", "My parcel has not been delivered, tracking is stuck.",
              "Shipping has been delayed for two weeks now.", "The package was left outside in the rain."),
          List.of("I was charged twice for the same order.", "The invoice shows a fee I never agreed to.",
              "The payment went through but the bill shows a different amount.", "You overcharged my card again."),
          List.of("The operator was rude and hung up on me.", "Your staff promised a call back, nobody called.",
              "The employee at the store was impolite and unprofessional.", "Customer service is a disgrace."),
          List.of("I want a refund, please return my money.", "I would like to exchange this for another size.",
              "I expect money back for the delivery fee.", "Please arrange a return collection.")),
      List.of("The order number is in the subject.", "I have been a customer for years.",
          "Please look into this as soon as possible.", "Photos attached.", "I expect an answer within three days.",
          "This never happened before.", "I called several times and nobody helped.", "I am very disappointed."),
      List.of("This is urgent, the device is smoking and dangerous!", "Please reply immediately."),
      List.of("Otherwise I will take legal action and contact the ombudsman.", "My lawyer is copied on this email."),
      "Hello,", "Regards, a customer.");

  static final Language BG = new Language("bg",
      List.of("Оплакване", "Проблем с поръчка", "Закъсняла доставка", "Грешна фактура", "Искам връщане",
          "Неучтив служител", "Дефектен продукт"),
      List.of(
          List.of("Каната се счупи след седмица, явно е дефектна.", "Продуктът пристигна повреден.",
              "Прахосмукачката не работи от първия ден.", "Качеството е ужасно."),
          List.of("Куриерът закъсня с три дни.", "Пратката още не е пристигнала.",
              "Доставката се бави вече две седмици.", "Поръчката не е доставена на адреса."),
          List.of("Таксуваха ме два пъти за една поръчка.", "Във фактурата има такса, която не съм заявявал.",
              "Плащането мина, но сметката е различна.", "Начислена е грешна сума."),
          List.of("Служителят беше груб и неучтив.", "Операторът обеща да се обади и не се обади.",
              "Обслужването в магазина е под всякаква критика.", "Никой не ми помогна на телефона."),
          List.of("Моля за връщане на парите.", "Искам замяна с друг размер.", "Очаквам обезщетение.",
              "Върнете ми цената на доставката.")),
      List.of("Номерът на поръчката е в темата.", "Клиент съм от години.", "Моля, решете проблема бързо.",
          "Прилагам снимки.", "Очаквам отговор до три дни.", "Досега не е имало такива проблеми."),
      List.of("Спешно е, уредът пуши и е опасно!", "Моля, отговорете незабавно."),
      List.of("Иначе ще подам сигнал до КЗП и ще се обърна към съд.", "Адвокатът ми е в копие."),
      "Здравейте,", "Поздрави, клиент.");

  private Texts() {}

  static Language language(String tag) {
    return switch (tag) {
      case "en" -> EN;
      case "bg" -> BG;
      default -> RU;
    };
  }

  /** A body: greeting, 1-2 category sentences, 0-8 filler sentences, rare urgency or legal threat. */
  static String body(Language lang, int category, Random random) {
    StringBuilder b = new StringBuilder(lang.greeting()).append(' ');
    List<String> main = lang.byCategory().get(category);
    b.append(main.get(random.nextInt(main.size()))).append(' ');
    if (random.nextInt(4) == 0) {
      // a second topic, as real complaints often mix delivery and refund
      List<String> other = lang.byCategory().get(random.nextInt(lang.byCategory().size()));
      b.append(other.get(random.nextInt(other.size()))).append(' ');
    }
    int filler = random.nextInt(9);
    for (int i = 0; i < filler; i++) {
      b.append(lang.filler().get(random.nextInt(lang.filler().size()))).append(' ');
    }
    if (random.nextInt(20) == 0) {
      b.append(lang.urgent().get(random.nextInt(lang.urgent().size()))).append(' ');
    }
    if (random.nextInt(50) == 0) {
      b.append(lang.legal().get(random.nextInt(lang.legal().size()))).append(' ');
    }
    return b.append(lang.closing()).toString();
  }
}
