import { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';

export class AddEnrollmentUserFk1716000500000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createForeignKey(
      'enrollments',
      new TableForeignKey({
        name: 'FK_enrollments_user',
        columnNames: ['user_id'],
        referencedTableName: 'users',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('enrollments', 'FK_enrollments_user');
  }
}
