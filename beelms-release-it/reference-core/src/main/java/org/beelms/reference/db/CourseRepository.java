package org.beelms.reference.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Courses, curricula, enrolments, progress, quizzes and quiz attempts. */
public final class CourseRepository {

  private static final String COURSE_COLUMNS =
      "c.id, c.title, c.description, c.language, c.status, c.is_paid, c.currency, c.price_cents, c.category_id";
  private static final String ITEM_COLUMNS =
      "i.id, i.course_id, i.item_type, i.title, i.position, i.wiki_slug, i.task_id, i.quiz_id";

  private final Jdbc jdbc;

  public CourseRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static CourseRecord course(ResultSet row) throws SQLException {
    return new CourseRecord(Jdbc.uuid(row, "id"), row.getString("title"), row.getString("description"),
        row.getString("language"), row.getString("status"), row.getBoolean("is_paid"), row.getString("currency"),
        (Integer) row.getObject("price_cents"), Jdbc.uuid(row, "category_id"));
  }

  private static CurriculumItemRecord item(ResultSet row) throws SQLException {
    return new CurriculumItemRecord(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "course_id"), row.getString("item_type"),
        row.getString("title"), row.getInt("position"), row.getString("wiki_slug"), Jdbc.uuid(row, "task_id"),
        Jdbc.uuid(row, "quiz_id"));
  }

  /** The catalogue: active courses, oldest first. */
  public List<CourseRecord> listActive() {
    return jdbc.query("SELECT " + COURSE_COLUMNS + " FROM courses c WHERE c.status = 'active' "
        + "ORDER BY c.created_at, c.title", CourseRepository::course);
  }

  public Optional<CourseRecord> findActive(UUID courseId) {
    return jdbc.queryOne("SELECT " + COURSE_COLUMNS + " FROM courses c WHERE c.id = ? AND c.status = 'active'",
        CourseRepository::course, courseId);
  }

  public List<CurriculumItemRecord> curriculum(UUID courseId) {
    return jdbc.query("SELECT " + ITEM_COLUMNS + " FROM curriculum_items i WHERE i.course_id = ? ORDER BY i.position",
        CourseRepository::item, courseId);
  }

  public Optional<CurriculumItemRecord> findItem(UUID courseId, UUID itemId) {
    return jdbc.queryOne("SELECT " + ITEM_COLUMNS + " FROM curriculum_items i WHERE i.course_id = ? AND i.id = ?",
        CourseRepository::item, courseId, itemId);
  }

  /** The curriculum item of this course that is the task {@code taskId}. */
  public Optional<CurriculumItemRecord> findTaskItem(UUID courseId, UUID taskId) {
    return jdbc.queryOne("SELECT " + ITEM_COLUMNS + " FROM curriculum_items i WHERE i.course_id = ? AND i.task_id = ?",
        CourseRepository::item, courseId, taskId);
  }

  public boolean isEnrolled(UUID userId, UUID courseId) {
    return jdbc.count("SELECT count(*) FROM enrollments WHERE user_id = ? AND course_id = ?", userId, courseId) > 0;
  }

  public boolean hasPurchased(UUID userId, UUID courseId) {
    return jdbc.count("SELECT count(*) FROM course_purchases WHERE user_id = ? AND course_id = ?", userId, courseId)
        > 0;
  }

  /** Enrols the user; enrolling again changes nothing. */
  public void enroll(UUID userId, UUID courseId) {
    jdbc.update("INSERT INTO enrollments (user_id, course_id) VALUES (?, ?) ON CONFLICT DO NOTHING", userId, courseId);
  }

  /** Marks the item completed; completing again keeps the first completion time. */
  public void complete(UUID userId, UUID itemId) {
    jdbc.update("INSERT INTO curriculum_progress (user_id, item_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        userId, itemId);
  }

  public List<ItemProgressRecord> progress(UUID userId, UUID courseId) {
    return jdbc.query("SELECT " + ITEM_COLUMNS + ", p.completed_at FROM curriculum_items i "
        + "LEFT JOIN curriculum_progress p ON p.item_id = i.id AND p.user_id = ? "
        + "WHERE i.course_id = ? ORDER BY i.position",
        row -> new ItemProgressRecord(item(row), Jdbc.timestamp(row, "completed_at")), userId, courseId);
  }

  /** The user's enrolments, most recent first, with curriculum counts. */
  public List<EnrolledCourseRecord> enrolledCourses(UUID userId) {
    return jdbc.query("SELECT " + COURSE_COLUMNS + ", e.enrolled_at, "
        + "(SELECT count(*) FROM curriculum_items i WHERE i.course_id = c.id) AS total_items, "
        + "(SELECT count(*) FROM curriculum_items i JOIN curriculum_progress p ON p.item_id = i.id "
        + "  WHERE i.course_id = c.id AND p.user_id = e.user_id) AS completed_items "
        + "FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = ? "
        + "ORDER BY e.enrolled_at DESC, c.title",
        row -> new EnrolledCourseRecord(course(row), Jdbc.timestamp(row, "enrolled_at"), row.getInt("total_items"),
            row.getInt("completed_items")), userId);
  }

  /** The quiz {@code quizId} if it belongs to course {@code courseId}, with its questions in order. */
  public Optional<QuizRecord> findQuiz(UUID courseId, UUID quizId) {
    return jdbc.inTransaction("read quiz", connection -> {
      List<QuizRecord> quizzes = Jdbc.query(connection,
          "SELECT id, course_id, title, passing_score FROM quizzes WHERE id = ? AND course_id = ?",
          row -> new QuizRecord(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "course_id"), row.getString("title"),
              row.getInt("passing_score"), List.of()), quizId, courseId);
      if (quizzes.isEmpty()) {
        return Optional.empty();
      }
      List<QuizRecord.Question> questions = Jdbc.query(connection,
          "SELECT id, text, options, correct_option_index FROM quiz_questions WHERE quiz_id = ? ORDER BY position",
          row -> new QuizRecord.Question(Jdbc.uuid(row, "id"), row.getString("text"),
              List.copyOf(Arrays.asList((String[]) row.getArray("options").getArray())),
              row.getInt("correct_option_index")), quizId);
      QuizRecord quiz = quizzes.get(0);
      return Optional.of(new QuizRecord(quiz.id(), quiz.courseId(), quiz.title(), quiz.passingScore(), questions));
    });
  }

  /** Stores an attempt; a passed attempt also completes the quiz's curriculum item. */
  public void saveAttempt(UUID userId, QuizRecord quiz, int score, int maxScore, boolean passed, String answersJson) {
    jdbc.inTransaction("save quiz attempt", connection -> {
      Jdbc.update(connection, "INSERT INTO quiz_attempts (user_id, quiz_id, score, max_score, passed, answers) "
          + "VALUES (?, ?, ?, ?, ?, ?::jsonb)", userId, quiz.id(), score, maxScore, passed, answersJson);
      if (passed) {
        Jdbc.update(connection, "INSERT INTO curriculum_progress (user_id, item_id) "
            + "SELECT ?, i.id FROM curriculum_items i WHERE i.course_id = ? AND i.quiz_id = ? ON CONFLICT DO NOTHING",
            userId, quiz.courseId(), quiz.id());
      }
      return null;
    });
  }
}
