package org.beelms.plugin.release;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.git.TempGitRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Daemon;

/**
 * A bare repository as "the remote" and clones of it, as runners of a pipeline have: each job a
 * fresh clone. {@link #readOnly()} serves the same bare repository over {@code git://} by JGit's
 * daemon, which refuses pushes (receive-pack off), as a read-only remote does.
 */
public final class SharedRemote implements AutoCloseable {

  private final Path work;
  private final Git bare;
  private Daemon daemon;

  public SharedRemote(Path work) throws Exception {
    this.work = work;
    this.bare = Git.init().setBare(true).setDirectory(work.resolve("remote.git").toFile()).call();
    try (TempGitRepo seed = TempGitRepo.init(work.resolve("seed"))) {
      seed.write("VERSION", "0.1.0\n");
      seed.commitAll("feat: first release");
      seed.tag("v0.1.0");
      seed.git().push().setRemote(bare.getRepository().getDirectory().toURI().toString())
          .setPushAll().setPushTags().call();
      bare.getRepository().updateRef(org.eclipse.jgit.lib.Constants.HEAD)
          .link("refs/heads/" + seed.git().getRepository().getBranch());
    }
  }

  public String url() {
    return bare.getRepository().getDirectory().toURI().toString();
  }

  public Repository repository() {
    return bare.getRepository();
  }

  /** A fresh clone, as a new runner makes. */
  public Git cloneAs(String name) throws Exception {
    return Git.cloneRepository().setURI(url()).setDirectory(work.resolve(name).toFile()).call();
  }

  /** The URL of the same repository served read-only ({@code git://127.0.0.1:<port>/remote.git}). */
  public String readOnly() throws Exception {
    if (daemon == null) {
      daemon = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      daemon.setRepositoryResolver((request, name) -> {
        bare.getRepository().incrementOpen();
        return bare.getRepository();
      });
      daemon.start();
    }
    return "git://127.0.0.1:" + daemon.getAddress().getPort() + "/remote.git";
  }

  public static ReleaseRecordSync sync(Git clone, String remote) {
    return new ReleaseRecordSync(clone.getRepository(), remote, Optional.empty(), Duration.ofSeconds(10));
  }

  /** A release record of the commit {@code v0.1.0} tags. */
  public static ReleaseRecord record(Git clone) throws Exception {
    String commit = clone.getRepository().getRefDatabase().peel(
        clone.getRepository().exactRef("refs/tags/v0.1.0")).getObjectId().name();
    return new ReleaseRecord(null, "0.1.0", "v0.1.0", commit, "2026-01-01T09:00:00Z", false,
        new ReleaseRecord.Image("127.0.0.1:5000/beelms/core", "sha256:" + "a".repeat(64), List.of("v0.1.0"),
            "registry", "127.0.0.1:5000/beelms/core:v0.1.0"),
        null, "", null, null, ReleaseRecord.Migrations.checked("flyway", commit, "checked"));
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.stop();
    }
    bare.close();
  }
}
