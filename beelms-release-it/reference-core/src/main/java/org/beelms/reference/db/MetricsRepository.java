package org.beelms.reference.db;

import java.util.LinkedHashMap;
import java.util.Map;

/** The admin overview, counted from the tables at the time of the call. */
public final class MetricsRepository {

  private final Jdbc jdbc;

  public MetricsRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code totalUsers} counts every row of {@code users}, including deactivated and deleted accounts. */
  public Map<String, Long> overview() {
    return jdbc.queryOne("SELECT "
        + "(SELECT count(*) FROM users) AS total_users, "
        + "(SELECT count(*) FROM users WHERE active AND deleted_at IS NULL) AS active_users, "
        + "(SELECT count(*) FROM users WHERE deleted_at IS NOT NULL) AS deleted_users, "
        + "(SELECT count(*) FROM courses) AS total_courses, "
        + "(SELECT count(*) FROM courses WHERE status = 'active') AS active_courses, "
        + "(SELECT count(*) FROM enrollments) AS total_enrollments, "
        + "(SELECT count(*) FROM wiki_articles) AS total_wiki_articles, "
        + "(SELECT count(*) FROM wiki_articles WHERE status = 'active') AS active_wiki_articles, "
        + "(SELECT count(*) FROM quiz_attempts) AS total_quiz_attempts", row -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          counts.put("totalUsers", row.getLong("total_users"));
          counts.put("activeUsers", row.getLong("active_users"));
          counts.put("deletedUsers", row.getLong("deleted_users"));
          counts.put("totalCourses", row.getLong("total_courses"));
          counts.put("activeCourses", row.getLong("active_courses"));
          counts.put("totalEnrollments", row.getLong("total_enrollments"));
          counts.put("totalWikiArticles", row.getLong("total_wiki_articles"));
          counts.put("activeWikiArticles", row.getLong("active_wiki_articles"));
          counts.put("totalQuizAttempts", row.getLong("total_quiz_attempts"));
          return counts;
        }).orElseThrow();
  }

  /** {@code SELECT 1} with a short timeout: true when the database answers. */
  public boolean databaseAnswers(int timeoutSeconds) {
    return jdbc.ping(timeoutSeconds);
  }
}
