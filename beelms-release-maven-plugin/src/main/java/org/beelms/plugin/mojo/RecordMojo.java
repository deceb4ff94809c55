package org.beelms.plugin.mojo;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.release.ReleaseRecordText;

/**
 * Prints a release's record ({@code mvn beelms:record -Dbeelms.record.tag=v0.1.0}): a summary, or
 * the record's JSON with {@code -Dbeelms.record.json=true}, on standard output so {@code mvn -q}
 * keeps it and it can be redirected. Read only. See docs/release-record.md.
 */
@Mojo(name = "record", threadSafe = true, aggregator = true, requiresProject = true)
public class RecordMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The release, e.g. {@code v0.1.0} or {@code 0.1.0}; empty = {@code target/beelms-release/release.json}. */
  @Parameter(property = "beelms.record.tag")
  private String recordTag;

  /** Print the record's JSON instead of the summary. */
  @Parameter(property = "beelms.record.json", defaultValue = "false")
  private boolean recordJson;

  /** Where {@code release.json} is when no tag is named. */
  @Parameter(
      property = "beelms.outputDirectory",
      defaultValue = "${project.build.directory}/beelms-release")
  private java.io.File outputDirectory;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.record", defaultValue = "false")
  private boolean skip;

  /** Where the record goes; standard output unless a test says otherwise. */
  PrintStream out = System.out;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping beelms:record (beelms.skip.record=true)");
      return;
    }
    try (ReleaseHistory history = ReleaseHistory.open(project.getBasedir().toPath())) {
      ReleaseRecords.Located located =
          new ReleaseRecords(history, outputDirectory.toPath())
              .locate(Optional.ofNullable(recordTag).filter(t -> !t.isBlank()),
                  "<recordTag> / -Dbeelms.record.tag");
      if (recordJson) {
        out.println(located.record().toJson());
      } else {
        ReleaseRecordText.summary(located.record(), located.origin()).forEach(out::println);
      }
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("beelms:record: " + e.getMessage(), e);
    }
  }
}
