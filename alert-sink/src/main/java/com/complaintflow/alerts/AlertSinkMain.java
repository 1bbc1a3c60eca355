package com.complaintflow.alerts;

import com.complaintflow.alerts.mail.SmtpMailSender;
import com.complaintflow.common.config.ConfigDocs;
import com.complaintflow.common.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code AlertSinkMain [config.properties]}. Configuration comes from the file and from
 * {@code COMPLAINTFLOW_*} environment variables (which win); {@code --config-docs} prints the
 * configuration reference. Stops cleanly on SIGTERM/SIGINT; exits 1 when the sink fails.
 */
public final class AlertSinkMain {
  private static final Logger log = LoggerFactory.getLogger(AlertSinkMain.class);

  private AlertSinkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--config-docs")) {
      System.out.print(ConfigDocs.markdown(AlertSinkConfig.CONFIG));
      return;
    }
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    // team.*, calendar.* and kafka.* keys are open-ended, so they may come from the environment too
    AlertSinkConfig config;
    try {
      Map<String, Object> values = ConfigLoader.load(AlertSinkConfig.CONFIG, file, System.getenv(),
          "kafka.", "team.", "calendar.", "topic.");
      config = new AlertSinkConfig(values);
    } catch (ConfigException e) {
      // the message names the key to change (never a secret); a stack trace would add nothing
      log.error("event=alert-sink-config-invalid error={}", e.getMessage());
      System.exit(1);
      return;
    }
    AlertSinkService service = new AlertSinkService(config, Clock.systemUTC(), new SmtpMailSender(config));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=alert-sink");
      service.close();
    }, "shutdown"));
    service.start();
    try {
      service.terminated().get();
    } catch (ExecutionException e) {
      log.error("event=exiting service=alert-sink reason=sink-failed");
      System.exit(1);
    }
  }
}
