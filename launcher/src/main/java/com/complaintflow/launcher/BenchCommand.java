package com.complaintflow.launcher;

import com.complaintflow.launcher.stack.StackOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code complaintflow bench}: runs the benchmark program (module {@code benchmarks}, see
 * BENCHMARKS.md) in its own JVM, with every option passed through.
 */
@Command(name = "bench",
    description = "Run the benchmarks (BENCHMARKS.md); options such as --quick and --scenario go to the"
        + " benchmark program (bench --help lists them).")
public final class BenchCommand implements Callable<Integer> {
  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path root = StackOptions.home() != null ? StackOptions.home() : Path.of("").toAbsolutePath();
    Path dir = root.resolve("benchmarks");
    Path classpath = dir.resolve("target").resolve("bench.classpath");
    if (!Files.exists(classpath)) {
      System.err.println("the benchmarks are not built: run ./complaintflow bench (it builds them)"
          + " or mvn -pl benchmarks -am install -DskipTests");
      return 1;
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        dir.resolve("target").resolve("classes") + File.pathSeparator + Files.readString(classpath).trim(),
        "com.complaintflow.bench.BenchMain"));
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-stop"));
    return process.waitFor();
  }
}
