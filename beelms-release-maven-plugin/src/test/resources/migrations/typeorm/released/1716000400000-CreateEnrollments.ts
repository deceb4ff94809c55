import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnrollments1716000400000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"enrollments\" (\"id\" SERIAL PRIMARY KEY, \"user_id\" integer NOT NULL, \"course_id\" integer NOT NULL)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"enrollments\"");
  }
}
