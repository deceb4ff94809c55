import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateQuizzes1716000900000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'quizzes',
        columns: [
          { name: 'id', type: 'int', isPrimary: true, isGenerated: true },
          { name: 'course_id', type: 'int' },
          { name: 'title', type: 'varchar' },
        ],
        foreignKeys: [
          { columnNames: ['course_id'], referencedTableName: 'courses', referencedColumnNames: ['id'] },
        ],
      }),
      true,
    );
    await queryRunner.createIndex('quizzes', new TableIndex({ name: 'IDX_quizzes_course', columnNames: ['course_id'] }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('quizzes', 'IDX_quizzes_course');
    await queryRunner.dropTable('quizzes');
  }
}
