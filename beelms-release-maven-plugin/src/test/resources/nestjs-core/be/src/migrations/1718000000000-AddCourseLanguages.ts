import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCourseLanguages1718000000000 implements MigrationInterface {
  name = 'AddCourseLanguages1718000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "course_translations" ("course_id" uuid NOT NULL, "language" character varying(5) NOT NULL, "title" character varying NOT NULL, CONSTRAINT "PK_course_translations" PRIMARY KEY ("course_id", "language"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_translations" ADD CONSTRAINT "FK_course_translations_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`INSERT INTO "course_translations" ("course_id", "language", "title") SELECT "id", 'bg', "title" FROM "courses"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "course_translations"`);
  }
}
