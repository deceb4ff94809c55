import { MigrationInterface, QueryRunner } from "typeorm";

export class AddWikiPageTitle1716001000000 implements MigrationInterface {
    name = "AddWikiPageTitle1716001000000"

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "wiki_pages" ADD "title" character varying NOT NULL DEFAULT ''`)
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "wiki_pages" DROP COLUMN "title"`)
    }
}
