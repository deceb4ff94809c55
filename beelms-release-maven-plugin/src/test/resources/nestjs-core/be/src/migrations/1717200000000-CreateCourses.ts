import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCourses1717200000000 implements MigrationInterface {
  name = 'CreateCourses1717200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "courses" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "title" character varying NOT NULL, "status" character varying NOT NULL DEFAULT \'draft\', "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_courses" PRIMARY KEY ("id"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "courses"');
  }
}
