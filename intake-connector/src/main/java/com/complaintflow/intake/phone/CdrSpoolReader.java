package com.complaintflow.intake.phone;

import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.RejectedInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Asterisk CDR files dropped into a spool directory (*.csv, written elsewhere and renamed
 * in, so a file is complete when it appears). Every line becomes a Complaint or a reject; once all
 * are acknowledged the file moves to done/. A crash before the move re-reads the file: the call's
 * uniqueid gives the same complaint ids again.
 */
public final class CdrSpoolReader {
  private static final Logger log = LoggerFactory.getLogger(CdrSpoolReader.class);

  private final Path dir;
  private final AsteriskCdrParser parser;
  private final CallNormalizer normalizer;
  private final ComplaintSink sink;
  private final Rejects rejects;
  private final Clock clock;
  private final Duration ackTimeout;

  public CdrSpoolReader(Path dir, AsteriskCdrParser parser, CallNormalizer normalizer, ComplaintSink sink, Clock clock,
      Duration ackTimeout) {
    this.dir = dir;
    this.parser = parser;
    this.normalizer = normalizer;
    this.sink = sink;
    this.rejects = new Rejects(clock);
    this.clock = clock;
    this.ackTimeout = ackTimeout;
  }

  /** Handles every complete file now in the directory; returns how many files were finished. */
  public int scan() throws IOException {
    Path done = Files.createDirectories(dir.resolve("done"));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
    int finished = 0;
    for (Path file : files) {
      List<byte[]> lines = AsteriskCdrParser.splitLines(Files.readAllBytes(file));
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      int rejected = 0;
      for (int i = 0; i < lines.size(); i++) {
        try {
          acks.add(sink.complaint(normalizer.normalize(parser.parse(lines.get(i)), "asterisk", clock.instant())));
        } catch (RejectException e) {
          rejected++;
          String coordinates = "spool:" + file.getFileName() + ":" + (i + 1);
          RejectedInput r = rejects.builder(Channel.PHONE, e, AsteriskCdrParser.decode(lines.get(i), new java.util.HashMap<>()), coordinates)
              .setSourceSystem("asterisk").setSourceId(coordinates)
              .setAttributes(Map.of("cdr.file", file.getFileName().toString(), "cdr.line", String.valueOf(i + 1)))
              .build();
          acks.add(sink.reject(r));
        }
      }
      for (CompletableFuture<Void> ack : acks) {
        Acks.await(ack, ackTimeout);
      }
      Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      log.info("event=cdr-file-done file={} lines={} rejected={}", file.getFileName(), lines.size(), rejected);
      finished++;
    }
    return finished;
  }
}
