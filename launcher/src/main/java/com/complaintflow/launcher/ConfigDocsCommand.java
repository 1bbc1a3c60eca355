package com.complaintflow.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code config-docs}: prints docs/configuration.md, generated from the configuration definitions. */
@Command(name = "config-docs", mixinStandardHelpOptions = true,
    description = "Print the configuration reference of every service (Markdown), generated from their"
        + " configuration definitions: " + ConfigReference.REGENERATE)
public final class ConfigDocsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.print(ConfigReference.markdown());
    System.out.flush();
    return 0;
  }
}
