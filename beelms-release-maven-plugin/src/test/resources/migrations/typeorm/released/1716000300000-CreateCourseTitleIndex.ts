import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

export class CreateCourseTitleIndex1716000300000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'courses',
      new TableIndex({ name: 'IDX_courses_title', columnNames: ['title'] }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('courses', 'IDX_courses_title');
  }
}
