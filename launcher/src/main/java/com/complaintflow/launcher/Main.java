package com.complaintflow.launcher;

import com.complaintflow.launcher.demo.DemoCommand;
import com.complaintflow.launcher.load.LoadCommand;
import com.complaintflow.launcher.stack.ChildJvmServices;
import com.complaintflow.launcher.tail.TailCommand;
import com.complaintflow.reconcile.ReconcileCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./complaintflow <command>}: the local stack, the demo, tail, load, reconcile, and each service alone. */
@Command(name = "complaintflow", mixinStandardHelpOptions = true, version = "ComplaintFlow 0.1.0-SNAPSHOT",
    description = "Runs ComplaintFlow locally and helps you look into it.",
    subcommands = {LocalCommand.class, DemoCommand.class, TailCommand.class, LoadCommand.class, ReconcileCommand.class,
        ServiceCommand.Intake.class, ServiceCommand.Processor.class, ServiceCommand.AlertSink.class,
        ConfigDocsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  static final String LOGBACK_RESOURCE = "com/complaintflow/launcher/launcher-logback.xml";

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    // before any logger exists: the services' jars on our classpath bring their own logback.xml
    if (System.getProperty("logback.configurationFile") == null) {
      // names, not ServiceEnvironment: initializing it loads the services' classes before logging is set up
      boolean runsAService = args.length > 0 && java.util.Set.of("intake", "processor", "alert-sink").contains(args[0]);
      System.setProperty("logback.configurationFile", runsAService ? ChildJvmServices.SERVICE_LOGBACK : LOGBACK_RESOURCE);
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line, for main and for tests (which set their own out/err writers). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return cli;
  }
}
