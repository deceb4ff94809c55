import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTermsAcceptedAt1717900000000 implements MigrationInterface {
  name = 'AddTermsAcceptedAt1717900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "terms_accepted_at" TIMESTAMP`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "terms_accepted_at"`);
  }
}
