import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

export class AddUserRole1717800000000 implements MigrationInterface {
  name = 'AddUserRole1717800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      "users",
      new TableColumn({ name: "role", type: "varchar", default: "'user'" }),
    );
    await queryRunner.addColumn(
      "users",
      new TableColumn({ name: "active", type: "boolean", default: true }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("users", "active");
    await queryRunner.dropColumn("users", "role");
  }
}
