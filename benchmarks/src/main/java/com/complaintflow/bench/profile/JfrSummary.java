package com.complaintflow.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a JFR recording (execution samples): the hottest methods by own time, the
 * hottest by total time (method anywhere on the stack, once per sample), and own time grouped by
 * library. {@code java -cp ... com.complaintflow.bench.profile.JfrSummary FILE.jfr [TOP]}.
 */
public final class JfrSummary {
  private JfrSummary() {}

  public static void main(String[] args) throws IOException {
    System.out.println(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 25));
  }

  public static String summarize(Path file, int top) {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> byLibrary = new HashMap<>();
    Map<String, Integer> byThread = new HashMap<>();
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        String topFrame = name(frames.get(0));
        self.merge(topFrame, 1, Integer::sum);
        byLibrary.merge(library(frames.get(0)), 1, Integer::sum);
        Object thread = event.getValue("sampledThread");
        if (thread instanceof jdk.jfr.consumer.RecordedThread t) {
          byThread.merge(String.valueOf(t.getJavaName()).replaceAll("-[0-9a-f]{8}-.*?-StreamThread", "-StreamThread"),
              1, Integer::sum);
        }
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (seen.add(n)) {
            total.merge(n, 1, Integer::sum);
          }
        }
      }
    } catch (IOException e) {
      return "profile unreadable: " + e.getMessage();
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "JFR %s: %d execution samples%n", file.getFileName(), samples));
    append(out, "own time by library", byLibrary, samples, top);
    append(out, "own time by method", self, samples, top);
    append(out, "total time by method (on stack)", total, samples, top);
    append(out, "samples by thread", byThread, samples, 10);
    return out.toString();
  }

  private static void append(StringBuilder out, String title, Map<String, Integer> counts, int samples, int top) {
    out.append("  ").append(title).append(System.lineSeparator());
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
        .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n",
            100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** A coarse owner of a frame: the first two or three package segments. */
  static String library(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    String[] parts = type.split("\\.");
    if (type.startsWith("com.complaintflow.")) {
      return parts.length > 3 ? String.join(".", parts[0], parts[1], parts[2], parts[3]) : type;
    }
    if (type.startsWith("org.apache.kafka.")) {
      return parts.length > 4 ? String.join(".", parts[0], parts[1], parts[2], parts[3]) : type;
    }
    return parts.length > 2 ? String.join(".", parts[0], parts[1], parts[2]) : type;
  }
}
