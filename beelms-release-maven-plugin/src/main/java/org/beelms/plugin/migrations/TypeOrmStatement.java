package org.beelms.plugin.migrations;

import java.util.Optional;

/**
 * One call in a TypeORM migration's {@code up} or {@code down}.
 *
 * @param line the line of the call in the file
 * @param call the call as written, shortened (e.g. {@code queryRunner.dropColumn("users", "age")})
 * @param sql the SQL it runs: the literal of {@code query(...)} or the equivalent of an API call;
 *     empty when it is not read and must be reviewed by hand
 * @param api true for a QueryRunner API call (its SQL is our PostgreSQL equivalent)
 * @param notRead when {@code sql} is empty, why it was not read (computed SQL, an API call not
 *     read, a call chain, the query runner passed to a helper); empty otherwise
 */
public record TypeOrmStatement(
    int line, String call, Optional<String> sql, boolean api, String notRead) {

  public TypeOrmStatement {
    notRead = sql.isPresent() ? "" : notRead == null || notRead.isBlank()
        ? (api ? "QueryRunner call not read statically" : "SQL computed at run time")
        : notRead;
  }

  public TypeOrmStatement(int line, String call, Optional<String> sql, boolean api) {
    this(line, call, sql, api, "");
  }
}
