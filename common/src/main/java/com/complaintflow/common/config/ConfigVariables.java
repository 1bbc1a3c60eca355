package com.complaintflow.common.config;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.utils.Utils;

/**
 * Replaces Kafka config variables {@code ${provider:path:key}} in configuration values by what
 * Kafka's {@link ConfigProvider}s read, so that secrets (passwords, API keys, JAAS configs) can live
 * in a secrets file or a directory of Docker/Kubernetes secrets instead of the configuration.
 *
 * <p>Two providers are always there: {@code file} ({@link FileConfigProvider}: a key of a properties
 * file, {@code ${file:/run/secrets/complaintflow.properties:smtp.password}}) and {@code dir}
 * ({@link DirectoryConfigProvider}: a file in a directory, {@code ${dir:/run/secrets:smtp_password}};
 * a trailing line break of that file is dropped). More come from the usual Kafka keys
 * {@code config.providers=vault}, {@code config.providers.vault.class=...},
 * {@code config.providers.<alias>.param.<name>=...} (which also set parameters of the two built-in
 * ones, e.g. {@code config.providers.file.param.allowed.paths=/run/secrets}). When the system
 * property {@value AbstractConfig#AUTOMATIC_CONFIG_PROVIDERS_PROPERTY} is set, only the provider
 * classes it lists are used, as in Kafka.
 *
 * <p>Unlike Kafka's own resolution, where a variable whose key is missing stays in the value as
 * written, every variable must resolve: a missing file, directory or key fails with a message naming
 * the configuration key and the file, and all problems are reported at once. Resolved values are
 * never part of a message.
 */
final class ConfigVariables {
  static final String PROVIDERS_CONFIG = AbstractConfig.CONFIG_PROVIDERS_CONFIG;
  static final String FILE = "file";
  static final String DIR = "dir";
  private static final Map<String, String> BUILT_IN = Map.of(
      FILE, FileConfigProvider.class.getName(), DIR, DirectoryConfigProvider.class.getName());

  private ConfigVariables() {}

  /** The values with every variable replaced and the {@code config.providers*} keys removed. */
  record Resolved(Map<String, Object> values, Set<String> resolvedKeys) {}

  /** One {@code ${alias:path:key}} in the value of a configuration key. */
  private record Variable(String configKey, String text, String alias, String path, String key) {
    String where() {
      return alias + ":" + path;
    }
  }

  static boolean isProviderKey(String key) {
    return key.equals(PROVIDERS_CONFIG) || key.startsWith(PROVIDERS_CONFIG + ".");
  }

  static Resolved resolve(Map<String, Object> input) {
    Map<String, Object> out = new HashMap<>();
    Map<String, Object> providerConfig = new HashMap<>();
    input.forEach((k, v) -> (isProviderKey(k) ? providerConfig : out).put(k, v));

    List<Variable> variables = new ArrayList<>();
    for (Map.Entry<String, Object> e : new TreeMap<>(out).entrySet()) {
      if (e.getValue() instanceof String s) {
        Matcher m = ConfigTransformer.DEFAULT_PATTERN.matcher(s);
        while (m.find()) {
          variables.add(new Variable(e.getKey(), m.group(), m.group(1), m.group(3), m.group(4)));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    Providers providers = declaredProviders(providerConfig, problems);
    Map<Variable, String> found = new HashMap<>();
    try {
      Map<String, List<Variable>> byPlace = variables.stream()
          .collect(Collectors.groupingBy(Variable::where, LinkedHashMap::new, Collectors.toList()));
      for (List<Variable> place : byPlace.values()) {
        read(place, providers, problems, found);
      }
    } finally {
      providers.close();
    }
    throwIfAny(problems);

    Set<String> resolvedKeys = new TreeSet<>();
    for (Variable v : variables) {
      resolvedKeys.add(v.configKey);
    }
    for (String key : resolvedKeys) {
      String value = (String) out.get(key);
      Matcher m = ConfigTransformer.DEFAULT_PATTERN.matcher(value);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        Variable v = new Variable(key, m.group(), m.group(1), m.group(3), m.group(4));
        m.appendReplacement(b, Matcher.quoteReplacement(found.get(v)));
      }
      m.appendTail(b);
      out.put(key, b.toString());
    }
    return new Resolved(out, resolvedKeys);
  }

  /** Reads the variables that share one provider and path, recording their values or problems. */
  private static void read(List<Variable> place, Providers providers, List<String> problems,
      Map<Variable, String> found) {
    Variable first = place.get(0);
    String alias = first.alias;
    String path = first.path;
    String keys = place.stream().map(v -> v.configKey).distinct().collect(Collectors.joining(", "));
    String problem = providers.unusable(alias);
    if (problem != null) {
      problems.add(keys + ": " + first.text + " " + problem);
      return;
    }
    ConfigProvider provider = providers.get(alias);
    if (path == null || path.isBlank()) {
      problems.add(keys + ": " + first.text + " names no " + what(provider) + " (write ${" + alias + ":<path>:"
          + first.key + "})");
      return;
    }
    if (provider instanceof FileConfigProvider && !(Files.isRegularFile(Path.of(path)) && Files.isReadable(Path.of(path)))) {
      problems.add(keys + ": secrets file " + path + " does not exist or cannot be read (" + first.text + ")");
      return;
    }
    if (provider instanceof DirectoryConfigProvider && !Files.isDirectory(Path.of(path))) {
      problems.add(keys + ": secrets directory " + path + " does not exist or is not a directory (" + first.text + ")");
      return;
    }
    Set<String> wanted = place.stream().map(v -> v.key).collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, String> data;
    try {
      ConfigData d = provider.get(path, wanted);
      data = d == null || d.data() == null ? Map.of() : d.data();
    } catch (RuntimeException e) {
      problems.add(keys + ": " + what(provider) + " " + path + " could not be read (" + first.text + "): "
          + e.getMessage());
      return;
    }
    for (Variable v : place) {
      String value = data.get(v.key);
      if (value == null) {
        problems.add(v.configKey + ": " + what(provider) + " " + path + " has no " + entry(provider) + " '" + v.key
            + "' (" + v.text + ")" + providers.allowedPathsHint(alias));
      } else {
        found.put(v, provider instanceof DirectoryConfigProvider ? withoutTrailingLineBreak(value) : value);
      }
    }
  }

  /** Secret files written with {@code echo} end in a line break that is not part of the secret. */
  static String withoutTrailingLineBreak(String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
      end--;
    }
    return value.substring(0, end);
  }

  private static String what(ConfigProvider provider) {
    if (provider instanceof FileConfigProvider) {
      return "secrets file";
    }
    if (provider instanceof DirectoryConfigProvider) {
      return "secrets directory";
    }
    return "path of config provider " + provider.getClass().getSimpleName();
  }

  private static String entry(ConfigProvider provider) {
    return provider instanceof DirectoryConfigProvider ? "file" : "key";
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigException("Config variables could not be resolved: " + String.join("; ", problems));
    }
  }

  private static Providers declaredProviders(Map<String, Object> config, List<String> problems) {
    Map<String, String> classes = new LinkedHashMap<>(BUILT_IN);
    Object listed = config.get(PROVIDERS_CONFIG);
    if (listed != null) {
      for (String alias : listed.toString().split(",")) {
        alias = alias.trim();
        if (alias.isEmpty()) {
          continue;
        }
        Object cls = config.get(PROVIDERS_CONFIG + "." + alias + ".class");
        if (cls == null && !BUILT_IN.containsKey(alias)) {
          problems.add(PROVIDERS_CONFIG + " lists '" + alias + "' but " + PROVIDERS_CONFIG + "." + alias
              + ".class is not set");
        }
      }
    }
    config.forEach((k, v) -> {
      String prefix = PROVIDERS_CONFIG + ".";
      if (k.startsWith(prefix) && k.endsWith(".class")) {
        classes.put(k.substring(prefix.length(), k.length() - ".class".length()), v.toString().trim());
      }
    });
    return new Providers(classes, config);
  }

  /** The configured providers, each created when a variable first names it. */
  private static final class Providers implements Closeable {
    private final Map<String, String> classes;
    private final Map<String, Object> config;
    private final Predicate<String> allowed;
    private final String allowedList;
    private final Map<String, ConfigProvider> created = new HashMap<>();
    private final Map<String, String> failed = new HashMap<>();

    Providers(Map<String, String> classes, Map<String, Object> config) {
      this.classes = classes;
      this.config = config;
      this.allowedList = System.getProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
      if (allowedList == null) {
        allowed = c -> true;
      } else {
        Set<String> names = Arrays.stream(allowedList.split(",")).map(String::trim).collect(Collectors.toSet());
        allowed = names::contains;
      }
    }

    /** Why variables of {@code alias} cannot be resolved, or null when they can. */
    String unusable(String alias) {
      String cls = classes.get(alias);
      if (cls == null) {
        return "names config provider '" + alias + "', which is not configured (known: "
            + String.join(", ", new TreeSet<>(classes.keySet())) + "; others are declared with " + PROVIDERS_CONFIG
            + " and " + PROVIDERS_CONFIG + "." + alias + ".class)";
      }
      if (!allowed.test(cls)) {
        return "uses config provider '" + alias + "' (" + cls + "), which the system property "
            + AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY + "=" + allowedList + " does not allow";
      }
      if (!created.containsKey(alias) && !failed.containsKey(alias)) {
        create(alias, cls);
      }
      return failed.get(alias);
    }

    ConfigProvider get(String alias) {
      return created.get(alias);
    }

    private void create(String alias, String cls) {
      try {
        ConfigProvider provider = Utils.newInstance(cls, ConfigProvider.class);
        provider.configure(ConfigLoader.withPrefix(config, PROVIDERS_CONFIG + "." + alias + ".param."));
        created.put(alias, provider);
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        failed.put(alias, "uses " + PROVIDERS_CONFIG + "." + alias + ".class=" + cls + ", which cannot be created: " + e);
      }
    }

    String allowedPathsHint(String alias) {
      String key = PROVIDERS_CONFIG + "." + alias + ".param.allowed.paths";
      return config.containsKey(key) ? " or the path is outside " + key : "";
    }

    @Override
    public void close() {
      created.values().forEach(provider -> Utils.closeQuietly(provider, "config provider"));
    }
  }
}
