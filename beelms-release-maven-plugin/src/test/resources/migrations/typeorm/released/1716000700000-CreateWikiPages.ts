import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWikiPages1716000700000 implements MigrationInterface {
  name = 'CreateWikiPages1716000700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // the page itself, then its slug index
    await queryRunner.query(`CREATE TABLE "wiki_pages" (
      "id" SERIAL NOT NULL,
      "slug" character varying NOT NULL,
      "body" text NOT NULL,
      CONSTRAINT "PK_wiki_pages" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_wiki_pages_slug" ON "wiki_pages" ("slug")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_wiki_pages_slug"`);
    await queryRunner.query(`DROP TABLE "wiki_pages"`);
  }
}
