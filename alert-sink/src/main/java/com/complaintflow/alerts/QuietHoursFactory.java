package com.complaintflow.alerts;

import com.complaintflow.alerts.delivery.CalendarQuietHours;
import com.complaintflow.alerts.delivery.OpeningHours;
import com.complaintflow.common.calendar.BusinessCalendar;
import com.complaintflow.common.calendar.BusinessCalendars;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Quiet hours from the {@code calendar.*} and {@code team.<team>.calendar} keys. */
final class QuietHoursFactory {
  private QuietHoursFactory() {}

  static CalendarQuietHours create(AlertSinkConfig config) {
    Map<String, BusinessCalendar> calendars = BusinessCalendars.fromConfig(config.calendarConfig());
    List<String> problems = new ArrayList<>();
    Map<String, OpeningHours> byTeam = new HashMap<>();
    config.teamCalendars().forEach((team, name) -> {
      BusinessCalendar calendar = calendars.get(name);
      if (calendar == null) {
        problems.add("team." + team + ".calendar names unknown calendar '" + name + "' (known: "
            + calendars.keySet() + ")");
      } else {
        byTeam.put(team, adapt(calendar));
      }
    });
    BusinessCalendar fallback = calendars.get(config.defaultCalendar());
    if (fallback == null) {
      problems.add(AlertSinkConfig.QUIET_DEFAULT_CALENDAR_CONFIG + " names unknown calendar '"
          + config.defaultCalendar() + "'");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("; ", problems));
    }
    return new CalendarQuietHours(byTeam, adapt(fallback), config.urgentKinds(), config.urgentMinLevel());
  }

  private static OpeningHours adapt(BusinessCalendar calendar) {
    return new OpeningHours() {
      @Override
      public boolean isOpen(Instant t) {
        return calendar.isOpen(t);
      }

      @Override
      public Instant nextOpening(Instant t) {
        return calendar.nextOpening(t);
      }

      @Override
      public ZoneId zone() {
        return calendar.zone();
      }
    };
  }
}
