package com.complaintflow.launcher.stack;

import java.io.IOException;
import java.util.List;

/**
 * How the local stack starts the services once broker, registry and mail server are up. The
 * default starts each service's main class as a child JVM configured through environment
 * variables ({@link ServiceEnvironment}); tests and the demo may plug in another.
 */
@FunctionalInterface
public interface ServiceStarter {
  /** Starts the services; the returned processes are stopped by the stack, in reverse order. */
  List<ChildJvm> start(StackContext context) throws IOException, InterruptedException;

  /** Starts nothing: the stack without services. */
  ServiceStarter NONE = context -> List.of();

  /** What a starter gets: the endpoints and where each service keeps its state and log. */
  record StackContext(Endpoints endpoints, java.nio.file.Path dataDir, java.nio.file.Path logDir) {
    public java.nio.file.Path serviceDir(String service) {
      return dataDir.resolve(service);
    }
  }
}
