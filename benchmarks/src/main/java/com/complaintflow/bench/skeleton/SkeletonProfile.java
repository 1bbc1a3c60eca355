package com.complaintflow.bench.skeleton;

import com.complaintflow.bench.footprint.Footprint;
import com.complaintflow.bench.footprint.FootprintMain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What the I/O skeleton writes per complaint, taken from a footprint run of the full topology on
 * the same data: for every store, how many changelog records (and of those, deletes) per
 * complaint, of what key and value size, and in which stage of the topology; for every output
 * topic and hop, how many records per complaint of what size. One line per item, so that it
 * travels in a properties file.
 */
public record SkeletonProfile(List<Item> items) {
  /** The three stages of the processor's shape: by contact point, by team, by client. */
  public enum Stage { INTAKE, TEAM, CASE }

  /** What an item is written to. */
  public enum Target { STORE, OUTPUT, TEAM_COMMANDS, ASSIGNMENTS, COMPLAINTS_BY_CLIENT }

  /**
   * @param name store or topic name (outputs: the catalog topic the full topology writes)
   * @param perComplaint records per complaint
   * @param deletesPerComplaint of those, deletes (stores only)
   */
  public record Item(Target target, Stage stage, String name, double perComplaint, double deletesPerComplaint,
      int keyBytes, int valueBytes) {
    String toLine() {
      return String.format(Locale.ROOT, "%s,%s,%s,%.6f,%.6f,%d,%d", target, stage, name, perComplaint,
          deletesPerComplaint, keyBytes, valueBytes);
    }

    static Item parse(String line) {
      String[] f = line.split(",");
      return new Item(Target.valueOf(f[0]), Stage.valueOf(f[1]), f[2], Double.parseDouble(f[3]),
          Double.parseDouble(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]));
    }
  }

  public String toLine() {
    return String.join(";", items.stream().map(Item::toLine).toList());
  }

  public static SkeletonProfile parse(String line) {
    List<Item> items = new ArrayList<>();
    for (String s : line.split(";")) {
      if (!s.isBlank()) {
        items.add(Item.parse(s.trim()));
      }
    }
    return new SkeletonProfile(items);
  }

  public List<Item> of(Target target) {
    return items.stream().filter(i -> i.target() == target).toList();
  }

  public List<Item> stores(Stage stage) {
    return items.stream().filter(i -> i.target() == Target.STORE && i.stage() == stage).toList();
  }

  /** Records per complaint of the single item of {@code target}, 0 when absent. */
  public double rate(Target target) {
    return of(target).stream().mapToDouble(Item::perComplaint).sum();
  }

  /**
   * The profile of the topology measured by {@code footprint}:
   * stores are placed in the stage whose sub-topology holds them; the complaints-by-client hop
   * carries one record per complaint of the size measured on it, the team-commands topic and the
   * assignments hop keep their rates and sizes, every other topic is an output of the case stage.
   */
  public static SkeletonProfile from(FootprintMain.Result footprint) {
    String teamCommandsTopic = footprint.teamCommandsTopic();
    Map<String, Stage> storeStage = storeStages(footprint.description(), footprint.complaintsTopic(),
        teamCommandsTopic);
    double n = footprint.complaints();
    List<Item> items = new ArrayList<>();
    for (Footprint.Line l : footprint.lines()) {
      Footprint.TopicBytes b = l.bytes();
      int keyBytes = (int) Math.round((double) b.keyBytes() / b.records());
      long values = b.records() - b.tombstones();
      int valueBytes = values == 0 ? 0 : (int) Math.round((double) (b.valueBytes() + b.headerBytes()) / values);
      double rate = b.records() / n;
      switch (l.kind()) {
        case CHANGELOG -> items.add(new Item(Target.STORE, storeStage.getOrDefault(l.shortName(), Stage.CASE),
            l.shortName(), rate, b.tombstones() / n, keyBytes, valueBytes));
        case REPARTITION -> {
          if (l.shortName().startsWith("assignments")) {
            items.add(new Item(Target.ASSIGNMENTS, Stage.TEAM, l.shortName(), rate, 0, keyBytes, valueBytes));
          } else if (l.shortName().startsWith("complaints")) {
            // the first hop: one record per complaint, of the size the full topology sends on it
            items.add(new Item(Target.COMPLAINTS_BY_CLIENT, Stage.INTAKE, l.shortName(), rate, 0, keyBytes,
                valueBytes));
          }
        }
        case OUTPUT -> {
          if (l.topic().equals(teamCommandsTopic)) {
            items.add(new Item(Target.TEAM_COMMANDS, Stage.CASE, "team-commands", rate, 0, keyBytes, valueBytes));
          } else {
            items.add(new Item(Target.OUTPUT, Stage.CASE, l.topic(), rate, 0, keyBytes, valueBytes));
          }
        }
        default -> throw new IllegalStateException(l.toString());
      }
    }
    return new SkeletonProfile(items);
  }

  static Map<String, Stage> storeStages(TopologyDescription description, String complaintsTopic,
      String teamCommandsTopic) {
    Map<String, Stage> out = new HashMap<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      Set<String> sources = new java.util.HashSet<>();
      Set<String> stores = new java.util.HashSet<>();
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source s && s.topicSet() != null) {
          sources.addAll(s.topicSet());
        }
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        }
      }
      Stage stage = sources.contains(complaintsTopic) ? Stage.INTAKE
          : sources.contains(teamCommandsTopic) ? Stage.TEAM : Stage.CASE;
      stores.forEach(s -> out.put(s, stage));
    }
    return out;
  }

  /** One line per item, for the benchmark's output. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Item i : items) {
      sb.append(String.format(Locale.ROOT, "    %-13s %-6s %-28s %6.2f/complaint (%.2f deletes) key %d B value %d B%n",
          i.target(), i.stage(), i.name(), i.perComplaint(), i.deletesPerComplaint(), i.keyBytes(), i.valueBytes()));
    }
    return sb.toString();
  }
}
