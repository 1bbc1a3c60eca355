package com.complaintflow.bench.scenario;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.stack.BenchStack;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every scenario gets: the stack, the sizes, the data set, where to write, where to print, the
 * stream-processor settings given with {@code --processor-set} for the measured applications, and
 * whether the intake's JDK HTTP server runs with TCP_NODELAY ({@code --intake-tcp-nodelay}).
 */
public record BenchContext(BenchStack stack, BenchSettings settings, DataSet data, Path workDir, Path resultsDir,
    boolean profile, java.util.Map<String, String> processorSettings, boolean intakeTcpNoDelay, PrintStream out) {

  public void progress(String format, Object... args) {
    out.println("  .. " + String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
