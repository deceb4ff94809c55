package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * Every deploy and rollback the release records hold, indexed the way status and the board read
 * them: per release and environment, per environment (the latest is what runs there), and in time
 * order. Built from the records alone; nothing here reads the registry or the network.
 */
public final class ReleaseLedger {

  /** One entry with the release whose record holds it. */
  public record Recorded(ReleaseRecord release, BoardEntry entry) {}

  private final List<ReleaseRecord> releases;
  private final List<Recorded> timeline;

  /** @param releases the records of every {@code v*} tag, newest version first */
  public ReleaseLedger(List<ReleaseRecord> releases) {
    this.releases = List.copyOf(releases);
    Map<String, Instant> newest = new HashMap<>();
    for (ReleaseRecord release : this.releases) {
      for (DeploymentEntry e : ReleaseRecords.deployments(release)) {
        newest.merge(e.environment(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<Recorded> all = new ArrayList<>();
    for (ReleaseRecord release : this.releases) {
      release.smoke().fields().forEachRemaining(env -> {
        for (JsonNode node : env.getValue().path("deployments")) {
          DeploymentEntry e = DeploymentEntry.fromJson(node);
          boolean newestThere = e.at().equals(newest.get(e.environment()));
          all.add(new Recorded(release, BoardEntry.fromJson(node, env.getValue(), newestThere)));
        }
      });
    }
    all.sort(Comparator.comparing((Recorded r) -> r.entry().entry().at()));
    this.timeline = List.copyOf(all);
  }

  /** The records, newest version first. */
  public List<ReleaseRecord> releases() {
    return releases;
  }

  /** Every recorded deploy and rollback, oldest first. */
  public List<Recorded> timeline() {
    return timeline;
  }

  /** The entries of {@code release} on {@code environment}, oldest first. */
  public List<BoardEntry> cell(ReleaseRecord release, String environment) {
    return timeline.stream()
        .filter(r -> r.release().tag().equals(release.tag()))
        .map(Recorded::entry)
        .filter(e -> e.entry().environment().equals(environment))
        .toList();
  }

  /** The latest deploy or rollback recorded on {@code environment}: what the records say runs there. */
  public Optional<Recorded> latest(String environment) {
    Recorded latest = null;
    for (Recorded r : timeline) {
      if (r.entry().entry().environment().equals(environment)) {
        latest = r;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** The release whose image has {@code digest}, if a record knows it. */
  public Optional<ReleaseRecord> releaseWithDigest(String digest) {
    return releases.stream()
        .filter(r -> r.image() != null && digest.equals(r.image().digest()))
        .findFirst();
  }

  /** The image repository of the newest release that has an image, e.g. {@code registry/beelms/core}. */
  public Optional<String> newestImageRepository() {
    return releases.stream().filter(r -> r.image() != null).map(r -> r.image().image()).findFirst();
  }

  /**
   * The environments to show: the {@code declared} ones in their order, then any other name the
   * records mention (an environment removed from the POM keeps its history on the board).
   */
  public List<String> environments(List<String> declared) {
    Set<String> names = new LinkedHashSet<>(declared);
    timeline.forEach(r -> names.add(r.entry().entry().environment()));
    return List.copyOf(names);
  }
}
