package com.complaintflow.launcher;

import com.complaintflow.launcher.stack.ServiceEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code intake}, {@code processor}, {@code alert-sink}: one service alone, in this JVM, against
 * an external Kafka and schema registry. It runs the service's own main class with the properties
 * file as its argument; the environment ({@code COMPLAINTFLOW_<KEY>}) overrides the file, exactly
 * as in production and in docker-compose.yml. Runs until Ctrl-C or SIGTERM.
 */
public abstract class ServiceCommand implements Callable<Integer> {
  private static final String FOOTER = "%nEvery key may also be given as an environment variable COMPLAINTFLOW_<KEY>"
      + " (upper case, non-alphanumerics as _), which wins over the file. Keys: docs/configuration.md"
      + " (./complaintflow config-docs).%nExit codes: 0 stopped by a signal, 1 the service failed, 2 bad usage.";

  private final String service;

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "properties file with the service's settings")
  Path config;

  protected ServiceCommand(String service) {
    this.service = service;
  }

  @Override
  public Integer call() throws Exception {
    if (config != null && !Files.isReadable(config)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --config " + config);
    }
    String[] args = config == null ? new String[0] : new String[] {config.toString()};
    Method main = Class.forName(ServiceEnvironment.MAIN_CLASSES.get(service)).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    return 0;
  }

  @Command(name = "intake", mixinStandardHelpOptions = true, footer = FOOTER,
      description = "Run the intake connector (HTTP API, mailboxes, raw topics, CDR spool) against external Kafka and"
          + " schema registry.")
  static final class Intake extends ServiceCommand {
    Intake() {
      super(ServiceEnvironment.INTAKE);
    }
  }

  @Command(name = "processor", mixinStandardHelpOptions = true, footer = FOOTER,
      description = "Run the stream processor (cases, owners, SLA clocks, alerts) against external Kafka and schema"
          + " registry.")
  static final class Processor extends ServiceCommand {
    Processor() {
      super(ServiceEnvironment.PROCESSOR);
    }
  }

  @Command(name = "alert-sink", mixinStandardHelpOptions = true, footer = FOOTER,
      description = "Run the alert sink (alert emails over SMTP) against external Kafka and schema registry.")
  static final class AlertSink extends ServiceCommand {
    AlertSink() {
      super(ServiceEnvironment.ALERT_SINK);
    }
  }
}
