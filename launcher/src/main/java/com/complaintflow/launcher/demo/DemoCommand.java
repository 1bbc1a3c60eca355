package com.complaintflow.launcher.demo;

import com.complaintflow.launcher.LocalCommandSupport;
import com.complaintflow.launcher.stack.ChildJvmServices;
import com.complaintflow.launcher.stack.LocalStack;
import com.complaintflow.launcher.stack.ServiceStarter;
import com.complaintflow.launcher.stack.StackOptions;
import com.complaintflow.launcher.stack.TopicFollower;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the local stack with sample clients, agents, short SLA targets and realistic
 * traffic through every channel, a live view of the pipeline, and a summary at the end.
 */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Start the whole stack like 'local', load sample clients and agents, configure demo SLA targets"
        + " of seconds, feed complaints in Russian, English and Bulgarian through email, web and phone, let agents"
        + " answer some in time and some late, and show the pipeline live: complaints per channel, open cases per"
        + " team and owner, next SLA deadlines, alerts and alert emails, resolved cases.",
    footer = {"", "Exit codes: 0 done (after --duration, or stopped by Ctrl-C/SIGTERM), 1 start-up failed, 2 bad usage."})
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--duration", paramLabel = "TIME",
      description = "stop by itself after this long and print the summary, e.g. 180s, 3m (default: until Ctrl-C)")
  String duration;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "stack data and logs (default: ${DEFAULT-VALUE})")
  Path dataDir = StackOptions.defaultDataDir().resolveSibling("complaintflow-demo");

  @Option(names = "--fresh", description = "wipe the data directory first")
  boolean fresh;

  @Option(names = "--refresh", paramLabel = "SECONDS", description = "live view refresh interval (default: ${DEFAULT-VALUE})")
  int refreshSeconds = 5;

  @Option(names = "--partitions", paramLabel = "N", description = "partitions of each topic (default: ${DEFAULT-VALUE})")
  int partitions = 3;

  @Option(names = "--plain", description = "append each view instead of redrawing the screen")
  boolean plain;

  private LocalStack stack;
  private TopicFollower follower;
  private ScheduledExecutorService scheduler;
  private boolean stopped;

  @Override
  public Integer call() throws Exception {
    Duration limit;
    try {
      limit = duration == null ? null : LocalCommandSupport.parseDuration(duration);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--duration: " + e.getMessage());
    }
    if (limit != null && (limit.isZero() || limit.isNegative())) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--duration must be positive");
    }
    PrintStream out = System.out;
    StackOptions options = new StackOptions(dataDir).fresh(fresh).partitions(partitions);
    stack = new LocalStack(options, out);
    Path rules = options.dataDir().resolve("demo").resolve("routing-rules.txt");
    ChildJvmServices services = ChildJvmServices.all();
    DemoSettings.all(rules).forEach(services::withConfig);
    // written once the stack wiped (--fresh) and prepared its directory, just before the services start
    ServiceStarter starter = context -> {
      Files.createDirectories(rules.getParent());
      Files.writeString(rules, DemoSettings.ROUTING_RULES);
      return services.start(context);
    };
    DemoStats stats = new DemoStats();
    Instant started = Instant.now();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(out, null), "demo-stop"));
    stack.start(starter);

    TopicCatalog catalog = new TopicCatalog(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
        stack.endpoints().schemaRegistryUrl()));
    out.println("==> loading sample data: " + DemoData.CLIENTS.size() + " clients, " + DemoData.agents(Instant.now()).size()
        + " agents in teams " + DemoData.TEAMS);
    loadSampleData(catalog);
    follower = new TopicFollower(stack.endpoints().kafkaBootstrapServers(), List.of(catalog.complaints(),
        catalog.complaintsRejected(), catalog.cases(), catalog.alerts(), catalog.casesResolved(),
        catalog.caseActionsRejected()), (topic, key, value, ts) -> stats.record(topic, value)).start();

    scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "demo-traffic");
      t.setDaemon(true);
      return t;
    });
    Channels channels = new Channels(stack.endpoints());
    DemoTraffic traffic = new DemoTraffic(channels, stats);
    AgentDesk desk = new AgentDesk(channels, stats, scheduler);
    LiveView view = new LiveView(stats, new Mailboxes(stack.greenMail()), traffic, desk, !plain && System.console() != null);
    this.view = view;
    this.startedAt = started;
    out.println("==> sending complaints; supervisors' mail: IMAP " + stack.endpoints().mail().imapHost() + ":"
        + stack.endpoints().mail().imapPort() + " (login = password = the address, e.g. "
        + DemoData.supervisor("service") + "); logs in " + stack.endpoints().logDir());
    traffic.schedule(scheduler);
    desk.start();

    Instant trafficStart = Instant.now();
    while (limit == null || Duration.between(trafficStart, Instant.now()).compareTo(limit) < 0) {
      view.render(out, Duration.between(trafficStart, Instant.now()), limit);
      long sleep = refreshSeconds * 1000L;
      if (limit != null) {
        sleep = Math.min(sleep, Math.max(1, limit.minus(Duration.between(trafficStart, Instant.now())).toMillis()));
      }
      Thread.sleep(sleep);
    }
    view.render(out, Duration.between(trafficStart, Instant.now()), limit);
    stop(out, Duration.between(trafficStart, Instant.now()));
    return 0;
  }

  private LiveView view;
  private Instant startedAt;

  /** Summary, then everything stopped; once, from the end of --duration or from Ctrl-C/SIGTERM. */
  private synchronized void stop(PrintStream out, Duration elapsed) {
    if (stopped) {
      return;
    }
    stopped = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (view != null) {
      view.summary(out, elapsed != null ? elapsed : Duration.between(startedAt, Instant.now()));
    }
    if (follower != null) {
      follower.close();
    }
    if (stack != null) {
      out.println();
      out.println("==> stopping the demo stack");
      stack.close();
      out.println("    stopped: no process left running");
    }
    out.flush();
  }

  private void loadSampleData(TopicCatalog catalog) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    Instant now = Instant.now();
    try (KafkaProducer<String, Client> clients = new KafkaProducer<>(props, new StringSerializer(),
        catalog.clients().valueSerde().serializer());
        KafkaProducer<String, Agent> agents = new KafkaProducer<>(props, new StringSerializer(),
            catalog.agents().valueSerde().serializer())) {
      for (DemoData.DemoClient c : DemoData.CLIENTS) {
        clients.send(new ProducerRecord<>(catalog.clients().name(), c.id(), c.toRecord(now)));
      }
      for (Agent a : DemoData.agents(now)) {
        agents.send(new ProducerRecord<>(catalog.agents().name(), a.getAgentId(), a));
      }
      clients.flush();
      agents.flush();
    }
    // the processor reads clients and agents into global tables; give it a moment before the first complaint
    TimeUnit.SECONDS.sleep(2);
  }
}
