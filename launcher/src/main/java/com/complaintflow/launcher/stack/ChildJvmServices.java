package com.complaintflow.launcher.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Starts services as child JVMs on the launcher's own classpath (which holds the three service
 * modules), each with its configuration in {@code COMPLAINTFLOW_*} environment variables.
 */
public final class ChildJvmServices implements ServiceStarter {
  private final Collection<String> services;

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

  @Override
  public List<ChildJvm> start(StackContext context) throws IOException {
    List<ChildJvm> started = new ArrayList<>();
    for (String service : services) {
      started.add(ChildJvm.builder(service)
          .classpath(System.getProperty("java.class.path"))
          .jvmOptions("-Xmx384m", "-XX:+UseSerialGC")
          .mainClass(ServiceEnvironment.MAIN_CLASSES.get(service))
          .environment(ServiceEnvironment.environment(service, context.endpoints(), context.serviceDir(service)))
          .logFile(context.logDir().resolve(service + ".log"))
          .workingDir(context.serviceDir(service))
          .build()
          .start());
    }
    return started;
  }
}
