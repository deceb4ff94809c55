import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

export class AddCourseIndexes1717400000000 implements MigrationInterface {
  name = 'AddCourseIndexes1717400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      "courses",
      new TableIndex({ name: "IDX_courses_status", columnNames: ["status"] }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("courses", "IDX_courses_status");
  }
}
