import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateWikiArticles1717100000000 implements MigrationInterface {
  name = 'CreateWikiArticles1717100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "wiki_articles",
        columns: [
          { name: "id", type: "uuid", isPrimary: true, default: "uuid_generate_v4()" },
          { name: "slug", type: "varchar", isUnique: true },
          { name: "title", type: "varchar" },
          { name: "body", type: "text" },
          { name: "status", type: "varchar", default: "'draft'" },
          { name: "updated_at", type: "timestamp", default: "now()" },
        ],
      }),
      true,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("wiki_articles");
  }
}
