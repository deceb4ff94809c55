package org.beelms.plugin.migrations;

import java.util.Optional;

/**
 * One call in a TypeORM migration's {@code up} or {@code down}.
 *
 * @param line the line of the call in the file
 * @param call the call as written, shortened (e.g. {@code queryRunner.dropColumn("users", "age")})
 * @param sql the SQL it runs: the literal of {@code query(...)} or the equivalent of an API call;
 *     empty when it is computed at run time and must be reviewed by hand
 * @param api true for a QueryRunner API call (its SQL is our PostgreSQL equivalent)
 */
public record TypeOrmStatement(int line, String call, Optional<String> sql, boolean api) {}
