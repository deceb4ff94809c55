import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateTaskCompletions1717600000000 implements MigrationInterface {
  name = 'CreateTaskCompletions1717600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "task_completions",
        columns: [
          { name: "id", type: "uuid", isPrimary: true, default: "uuid_generate_v4()" },
          { name: "user_id", type: "uuid" },
          { name: "item_id", type: "uuid" },
          { name: "completed_at", type: "timestamp", default: "now()" },
        ],
        foreignKeys: [
          { columnNames: ["user_id"], referencedTableName: "users", referencedColumnNames: ["id"], onDelete: "CASCADE" },
          { columnNames: ["item_id"], referencedTableName: "curriculum_items", referencedColumnNames: ["id"], onDelete: "CASCADE" },
        ],
      }),
      true,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("task_completions");
  }
}
