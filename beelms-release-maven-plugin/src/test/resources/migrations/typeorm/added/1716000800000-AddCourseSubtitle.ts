import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCourseSubtitle1716000800000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "courses" ADD "subtitle" character varying`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "subtitle"`);
  }
}
