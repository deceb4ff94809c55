import { MigrationInterface, QueryRunner } from 'typeorm';

export class RenameWikiBody1718100000000 implements MigrationInterface {
  name = 'RenameWikiBody1718100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.renameColumn("wiki_articles", "body", "content");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.renameColumn("wiki_articles", "content", "body");
  }
}
