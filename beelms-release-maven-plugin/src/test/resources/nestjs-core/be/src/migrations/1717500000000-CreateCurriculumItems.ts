import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCurriculumItems1717500000000 implements MigrationInterface {
  name = 'CreateCurriculumItems1717500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "curriculum_items" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "course_id" uuid NOT NULL, "position" integer NOT NULL, "type" character varying NOT NULL, "title" character varying NOT NULL, CONSTRAINT "PK_curriculum_items" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "curriculum_items" ADD CONSTRAINT "FK_curriculum_items_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "curriculum_items"`);
  }
}
