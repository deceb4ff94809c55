package org.beelms.plugin.smoke;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The environments declared in the plugin configuration, and the choice of one by name. */
public final class Environments {

  private final Map<String, Environment> byName = new LinkedHashMap<>();

  public Environments(List<Environment> environments) {
    for (Environment e : environments) {
      if (byName.putIfAbsent(e.name(), e) != null) {
        throw new IllegalArgumentException(SmokeSuggestions.duplicateEnvironment(e.name()));
      }
    }
  }

  /** The declared names, in declaration order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * The environment {@code target} names.
   *
   * @throws IllegalArgumentException when none is declared, no target is given (naming {@code
   *     -Dtarget}) or the name is unknown (listing the known ones)
   */
  public Environment select(Optional<String> target) {
    if (byName.isEmpty()) {
      throw new IllegalArgumentException(SmokeSuggestions.noEnvironments());
    }
    String name = target.map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
    if (name == null) {
      throw new IllegalArgumentException(SmokeSuggestions.noTarget(names()));
    }
    Environment e = byName.get(name);
    if (e == null) {
      throw new IllegalArgumentException(SmokeSuggestions.unknownTarget(name, names()));
    }
    return e;
  }
}
