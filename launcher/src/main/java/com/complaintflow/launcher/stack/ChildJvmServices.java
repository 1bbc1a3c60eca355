package com.complaintflow.launcher.stack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Starts services as child JVMs on the launcher's own classpath (which holds the three service
 * modules), each with its stack endpoints in {@code COMPLAINTFLOW_*} environment variables and,
 * when given, further settings in a properties file passed as the main class's argument (for key
 * families the environment cannot carry, e.g. {@code sla.policy.default.first-response}).
 */
public final class ChildJvmServices implements ServiceStarter {
  /** Logback configuration of every service JVM (see the file for why it is named explicitly). */
  public static final String SERVICE_LOGBACK = "com/complaintflow/launcher/service-logback.xml";

  private final Collection<String> services;
  private final Map<String, Map<String, String>> extraConfig = new LinkedHashMap<>();

  public ChildJvmServices(Collection<String> services) {
    for (String service : services) {
      if (!ServiceEnvironment.MAIN_CLASSES.containsKey(service)) {
        throw new IllegalArgumentException("unknown service " + service
            + "; known: " + ServiceEnvironment.MAIN_CLASSES.keySet());
      }
    }
    this.services = List.copyOf(services);
  }

  /** All three services. */
  public static ChildJvmServices all() {
    return new ChildJvmServices(ServiceEnvironment.services());
  }

  /** Further settings of one service, written to {@code DATA_DIR/<service>/<service>.properties}. */
  public ChildJvmServices withConfig(String service, Map<String, String> settings) {
    extraConfig.computeIfAbsent(service, s -> new TreeMap<>()).putAll(settings);
    return this;
  }

  @Override
  public List<ChildJvm> start(StackContext context) throws IOException {
    List<ChildJvm> started = new ArrayList<>();
    for (String service : services) {
      ChildJvm.Builder builder = ChildJvm.builder(service)
          .classpath(System.getProperty("java.class.path"))
          .jvmOptions("-Xmx384m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + SERVICE_LOGBACK)
          .mainClass(ServiceEnvironment.MAIN_CLASSES.get(service))
          .environment(ServiceEnvironment.environment(service, context.endpoints(), context.serviceDir(service)))
          .logFile(context.logDir().resolve(service + ".log"))
          .workingDir(context.serviceDir(service));
      Map<String, String> extra = extraConfig.get(service);
      if (extra != null && !extra.isEmpty()) {
        builder.args(writeProperties(context.serviceDir(service).resolve(service + ".properties"), extra).toString());
      }
      started.add(builder.build().start());
    }
    return started;
  }

  private static Path writeProperties(Path file, Map<String, String> settings) throws IOException {
    Files.createDirectories(file.getParent());
    Properties p = new Properties();
    p.putAll(settings);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "written by the launcher at every start; the environment (COMPLAINTFLOW_*) holds the endpoints");
    }
    return file;
  }
}
