import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCourseIsPaid1716000200000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "courses" ADD "is_paid" boolean NOT NULL DEFAULT false');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "courses" DROP COLUMN "is_paid"');
  }
}
