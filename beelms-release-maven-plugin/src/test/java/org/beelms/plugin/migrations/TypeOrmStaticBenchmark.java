package org.beelms.plugin.migrations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.git.TempGitRepo;

/**
 * Times the static part of migrations-check on N generated TypeORM migrations (default 60: two
 * thirds released at v0.1.0, half of them QueryRunner API calls, so no database is started):
 * tool recognition, parsing, class checks, comparison with the tag through JGit, classification
 * and migrations.json. Run by {@code bench/migrations-check-typeorm.sh}; nothing asserts on time.
 */
public final class TypeOrmStaticBenchmark {

  private TypeOrmStaticBenchmark() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int runs = Integer.getInteger("bench.runs", 5);
    Path dir = Files.createTempDirectory("beelms-typeorm-bench-");
    try (TempGitRepo repo = TempGitRepo.init(dir)) {
      int released = size * 2 / 3;
      for (int i = 1; i <= size; i++) {
        repo.write("be/src/migrations/" + (1716000000000L + i * 1000L) + "-Step" + i + ".ts", migration(i));
        if (i == released) {
          repo.commitAll("released");
          repo.tag("v0.1.0");
        }
      }
      repo.commitAll("new");
      MigrationsSettings settings =
          MigrationsSettings.of(dir.resolve("be/src/migrations"))
              .withReleaseVersion(SemanticVersion.parse("0.2.0").orElseThrow())
              .withReportDirectory(dir.resolve("target"));
      System.out.println("migrations  run  total_ms  new  status");
      for (int run = 0; run <= runs; run++) {
        long t0 = System.nanoTime();
        MigrationsCheckResult result = new MigrationsCheck(settings).run(ReleaseListener.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "%10d  %3s  %8d  %3d  %s%n", size, run == 0 ? "1st" : run, ms,
            result.migrations().size(), result.gate().status());
      }
    }
  }

  private static String migration(int i) {
    long ts = 1716000000000L + i * 1000L;
    String up = i % 2 == 0
        ? "    await queryRunner.query(`CREATE TABLE \"t" + i + "\" (\"id\" SERIAL PRIMARY KEY, \"name\" varchar NOT NULL)`);\n"
            + "    await queryRunner.query('CREATE INDEX \"IDX_t" + i + "\" ON \"t" + i + "\" (\"name\")');\n"
        : "    await queryRunner.createTable(new Table({ name: 't" + i + "', columns: [{ name: 'id', type: 'int', isPrimary: true }] }), true);\n"
            + "    await queryRunner.addColumn('t" + i + "', new TableColumn({ name: 'note', type: 'text', isNullable: true }));\n";
    String down = i % 2 == 0
        ? "    await queryRunner.query(`DROP TABLE \"t" + i + "\"`);\n"
        : "    await queryRunner.dropTable('t" + i + "');\n";
    return "import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';\n\n"
        + "export class Step" + i + ts + " implements MigrationInterface {\n"
        + "  public async up(queryRunner: QueryRunner): Promise<void> {\n" + up + "  }\n\n"
        + "  public async down(queryRunner: QueryRunner): Promise<void> {\n" + down + "  }\n}\n";
  }
}
