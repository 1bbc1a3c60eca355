package com.complaintflow.launcher;

import com.complaintflow.launcher.stack.ChildJvmServices;
import com.complaintflow.launcher.stack.Endpoints;
import com.complaintflow.launcher.stack.LocalStack;
import com.complaintflow.launcher.stack.ServiceStarter;
import com.complaintflow.launcher.stack.StackOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local}: the whole stack without sample traffic, until Ctrl-C or SIGTERM. */
@Command(name = "local", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Start Kafka, the schema registry, the mail server and the services, print every"
        + " endpoint, and run until Ctrl-C (or SIGTERM), which stops everything.",
    footer = {"", "Exit codes: 0 stopped by a signal, 1 start-up failed, 2 bad usage."})
public final class LocalCommand implements Callable<Integer> {
  @Option(names = "--endpoints-file", paramLabel = "FILE",
      description = "also write the endpoints as JSON here (always written to DATA_DIR/endpoints.json)")
  Path endpointsFile;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "broker data, registry database, credentials and logs (default: ${DEFAULT-VALUE})")
  Path dataDir = StackOptions.defaultDataDir();

  @Option(names = "--fresh", description = "wipe the data directory first")
  boolean fresh;

  @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka client port (default: a free port)")
  int kafkaPort;

  @Option(names = "--controller-port", paramLabel = "PORT", description = "KRaft controller port (default: a free port)")
  int controllerPort;

  @Option(names = "--registry-port", paramLabel = "PORT", description = "schema registry port (default: a free port)")
  int registryPort;

  @Option(names = "--http-port", paramLabel = "PORT", description = "intake HTTP API port (default: a free port)")
  int httpPort;

  @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port of the mail server (default: a free port)")
  int smtpPort;

  @Option(names = "--imap-port", paramLabel = "PORT", description = "IMAP port of the mail server (default: a free port)")
  int imapPort;

  @Option(names = "--partitions", paramLabel = "N", description = "partitions of each topic (default: ${DEFAULT-VALUE})")
  int partitions = com.complaintflow.launcher.stack.TopicSetup.DEFAULT_PARTITIONS;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "API key of the HTTP intake (default: generated once per data directory)")
  String apiKey;

  @Option(names = "--no-services", description = "start only Kafka, the registry and the mail server")
  boolean noServices;

  StackOptions stackOptions() {
    StackOptions options = new StackOptions(dataDir).fresh(fresh)
        .kafkaPort(kafkaPort).controllerPort(controllerPort).registryPort(registryPort)
        .httpPort(httpPort).smtpPort(smtpPort).imapPort(imapPort)
        .partitions(partitions);
    if (apiKey != null) {
      options.apiKey(apiKey);
    }
    return options;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    StackOptions options = stackOptions();
    ServiceStarter services = noServices ? ServiceStarter.NONE : ChildJvmServices.all();
    CountDownLatch forever = new CountDownLatch(1);
    LocalStack stack = new LocalStack(options, out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack, out), "local-stack-stop"));
    stack.start(services);
    if (endpointsFile != null) {
      stack.endpoints().writeTo(endpointsFile);
    }
    printEndpoints(out, stack.endpoints(), endpointsFile);
    forever.await();
    return 0;
  }

  static void printEndpoints(PrintStream out, Endpoints e, Path endpointsFile) {
    Endpoints.Mail mail = e.mail();
    out.println();
    out.println("ComplaintFlow local stack is running. Ctrl-C stops everything.");
    out.printf("  %-26s %s%n", "Kafka bootstrap servers", e.kafkaBootstrapServers());
    out.printf("  %-26s %s%n", "Schema registry", e.schemaRegistryUrl());
    out.printf("  %-26s %s  (header X-Api-Key: %s)%n", "HTTP intake", e.intake().baseUrl(), e.intake().apiKey());
    out.printf("  %-26s %s%n", "Intake health", e.intake().healthUrl());
    out.printf("  %-26s %s  user %s  password %s%n", "Complaints mailbox",
        mail.complaints().address(), mail.complaints().user(), mail.complaints().password());
    out.printf("  %-26s SMTP %s:%d (no TLS, no auth)   IMAP %s:%d (no TLS)%n", "Mail server",
        mail.smtpHost(), mail.smtpPort(), mail.imapHost(), mail.imapPort());
    for (Endpoints.Mailbox supervisor : mail.supervisors()) {
      out.printf("  %-26s %s  IMAP user %s  password %s%n", "Supervisors' mailbox",
          supervisor.address(), supervisor.user(), supervisor.password());
    }
    out.printf("  %-26s %s%n", "Other mailboxes", mail.otherRecipients());
    out.printf("  %-26s %s%n", "Logs", e.logDir());
    out.printf("  %-26s %s%s%n", "Endpoints (JSON)", Path.of(e.dataDir()).resolve(LocalStack.ENDPOINTS_FILE),
        endpointsFile == null ? "" : " and " + endpointsFile.toAbsolutePath());
    out.println();
    out.println("Try: ./complaintflow tail complaints --from-beginning");
    out.flush();
  }

  private static void stop(LocalStack stack, PrintStream out) {
    out.println();
    out.println("==> stopping the local stack");
    stack.close();
    out.println("    stopped: no process left running");
    out.flush();
  }
}
