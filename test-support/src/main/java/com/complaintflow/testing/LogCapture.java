package com.complaintflow.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything this JVM logs through Logback while it is open, as text (logger, level, message and
 * any exception with its causes), so a test can assert what its log output does or does not hold:
 *
 * <pre>
 *   try (LogCapture logs = LogCapture.start(Map.of("org.apache.kafka.clients", Level.INFO))) {
 *     ...
 *     assertFalse(logs.text().contains(secret));
 *   }
 * </pre>
 *
 * Events go where they went before too. Loggers named in {@code raised} are set to that level for
 * the capture and write only to it, so their extra lines stay out of the console; their level and
 * additivity are restored on {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root;
  private final Collector collector = new Collector();
  private final List<Raised> raised = new ArrayList<>();

  private record Raised(Logger logger, Level level, boolean additive) {}

  private static final class Collector extends AppenderBase<ILoggingEvent> {
    private final List<String> lines = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder line = new StringBuilder()
          .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
          .append(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      synchronized (lines) {
        lines.add(line.toString());
      }
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }
  }

  private LogCapture(Map<String, Level> raisedLevels) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("LogCapture needs Logback as the SLF4J binding, found "
          + LoggerFactory.getILoggerFactory().getClass().getName());
    }
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    collector.setContext(context);
    collector.setName("log-capture");
    collector.start();
    root.addAppender(collector);
    raisedLevels.forEach((name, level) -> {
      Logger logger = context.getLogger(name);
      raised.add(new Raised(logger, logger.getLevel(), logger.isAdditive()));
      logger.setLevel(level);
      logger.setAdditive(false);
      logger.addAppender(collector);
    });
  }

  /** Captures from now on; {@code raised}: loggers to capture at a more detailed level than configured. */
  public static LogCapture start(Map<String, Level> raised) {
    return new LogCapture(raised);
  }

  public static LogCapture start() {
    return new LogCapture(Map.of());
  }

  /** One entry per event so far. */
  public List<String> lines() {
    return collector.lines();
  }

  /** Every event so far, one after the other. */
  public String text() {
    return String.join("\n", collector.lines());
  }

  @Override
  public void close() {
    root.detachAppender(collector);
    for (Raised r : raised) {
      r.logger().detachAppender(collector);
      r.logger().setLevel(r.level());
      r.logger().setAdditive(r.additive());
    }
    collector.stop();
  }
}
