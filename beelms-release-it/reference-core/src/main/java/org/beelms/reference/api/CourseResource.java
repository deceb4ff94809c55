package org.beelms.reference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.PathParam;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.db.CourseRecord;
import org.beelms.reference.db.CourseRepository;
import org.beelms.reference.db.CurriculumItemRecord;
import org.beelms.reference.db.ItemProgressRecord;
import org.beelms.reference.db.QuizRecord;

/** WS-3: catalogue (public), enrolment, progress and quizzes (bearer). */
@Singleton
@Path("courses")
@Produces(MediaType.APPLICATION_JSON)
public final class CourseResource {

  private static final String COURSE_NOT_FOUND = "Course not found";

  private final CourseRepository courses;
  private final int quizSubmitStatus;

  @Inject
  public CourseResource(CourseRepository courses, ReferenceCoreConfig config) {
    this.courses = courses;
    this.quizSubmitStatus = config.quizSubmitStatus();
  }

  @GET
  public List<Map<String, Object>> catalogue() {
    return courses.listActive().stream().map(Views::course).toList();
  }

  @GET
  @Path("{courseId}")
  public Map<String, Object> detail(@PathParam("courseId") String courseId) {
    CourseRecord course = course(courseId);
    Map<String, Object> view = new LinkedHashMap<>(Views.course(course));
    view.put("curriculum", courses.curriculum(course.id()).stream().map(Views::curriculumItem).toList());
    return view;
  }

  @POST
  @Path("{courseId}/enroll")
  @Authenticated
  public Response enroll(@PathParam("courseId") String courseId, @Context SecurityContext security) {
    CourseRecord course = course(courseId);
    UUID userId = CurrentUser.of(security).id();
    if (course.paid() && !courses.hasPurchased(userId, course.id())) {
      throw ApiException.forbidden("This course is paid; buy it before enrolling");
    }
    courses.enroll(userId, course.id());
    return Response.noContent().build();
  }

  @POST
  @Path("{courseId}/tasks/{taskId}/complete")
  @Authenticated
  public Response completeTask(@PathParam("courseId") String courseId, @PathParam("taskId") String taskId,
      @Context SecurityContext security) {
    CourseRecord course = course(courseId);
    UUID userId = enrolledUser(course, security);
    CurriculumItemRecord item = courses.findTaskItem(course.id(), Ids.parse(taskId, "Task not found"))
        .orElseThrow(() -> ApiException.notFound("Task not found"));
    courses.complete(userId, item.id());
    return Response.noContent().build();
  }

  @POST
  @Path("{courseId}/curriculum/{itemId}/complete")
  @Authenticated
  public Response completeItem(@PathParam("courseId") String courseId, @PathParam("itemId") String itemId,
      @Context SecurityContext security) {
    CourseRecord course = course(courseId);
    UUID userId = enrolledUser(course, security);
    CurriculumItemRecord item = courses.findItem(course.id(), Ids.parse(itemId, "Curriculum item not found"))
        .orElseThrow(() -> ApiException.notFound("Curriculum item not found"));
    courses.complete(userId, item.id());
    return Response.noContent().build();
  }

  @GET
  @Path("{courseId}/curriculum/progress")
  @Authenticated
  public Map<String, Object> progress(@PathParam("courseId") String courseId, @Context SecurityContext security) {
    CourseRecord course = course(courseId);
    UUID userId = enrolledUser(course, security);
    List<ItemProgressRecord> items = courses.progress(userId, course.id());
    int completed = (int) items.stream().filter(ItemProgressRecord::completed).count();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("totalItems", items.size());
    view.put("completedItems", completed);
    view.put("progressPercent", percent(completed, items.size()));
    view.put("items", items.stream().map(progress -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", progress.item().id());
      item.put("itemType", progress.item().itemType());
      item.put("completed", progress.completed());
      item.put("completedAt", progress.completedAt());
      return item;
    }).toList());
    return view;
  }

  /** The quiz without its answers. */
  @GET
  @Path("{courseId}/quizzes/{quizId}")
  @Authenticated
  public Map<String, Object> quiz(@PathParam("courseId") String courseId, @PathParam("quizId") String quizId,
      @Context SecurityContext security) {
    CourseRecord course = course(courseId);
    enrolledUser(course, security);
    QuizRecord quiz = quiz(course, quizId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", quiz.id());
    view.put("title", quiz.title());
    view.put("passingScore", quiz.passingScore());
    view.put("questions", quiz.questions().stream().map(question -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", question.id());
      item.put("text", question.text());
      item.put("options", question.options());
      return item;
    }).toList());
    return view;
  }

  @POST
  @Path("{courseId}/quizzes/{quizId}/submit")
  @Authenticated
  public Response submit(@PathParam("courseId") String courseId, @PathParam("quizId") String quizId,
      @Context SecurityContext security, String rawBody) {
    CourseRecord course = course(courseId);
    UUID userId = enrolledUser(course, security);
    QuizRecord quiz = quiz(course, quizId);
    Map<UUID, Integer> answers = answers(JsonBodies.object(rawBody), quiz);
    int score = 0;
    for (QuizRecord.Question question : quiz.questions()) {
      Integer chosen = answers.get(question.id());
      if (chosen != null && chosen == question.correctOptionIndex()) {
        score++;
      }
    }
    int maxScore = quiz.questions().size();
    boolean passed = maxScore > 0 && score * 100 >= quiz.passingScore() * maxScore;
    List<Map<String, Object>> stored = new ArrayList<>();
    answers.forEach((questionId, optionIndex) -> stored.add(Map.of("questionId", questionId.toString(),
        "optionIndex", optionIndex)));
    courses.saveAttempt(userId, quiz, score, maxScore, passed, JsonBodies.json(stored));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("score", score);
    result.put("maxScore", maxScore);
    result.put("passed", passed);
    return Response.status(quizSubmitStatus).entity(result).build();
  }

  /** Validates {@code {"answers":[{"questionId","optionIndex"}]}} against the quiz; 400 naming each problem. */
  private static Map<UUID, Integer> answers(ObjectNode body, QuizRecord quiz) {
    List<String> problems = new ArrayList<>();
    JsonBodies.rejectUnknownFields(body, Set.of("answers"), problems);
    JsonNode answers = body.get("answers");
    if (answers == null || !answers.isArray()) {
      problems.add("answers must be an array");
      JsonBodies.failIfAny(problems);
    }
    Map<UUID, QuizRecord.Question> questions = new HashMap<>();
    quiz.questions().forEach(question -> questions.put(question.id(), question));
    Map<UUID, Integer> chosen = new LinkedHashMap<>();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < answers.size(); i++) {
      JsonNode answer = answers.get(i);
      String where = "answers." + i;
      if (!answer.isObject()) {
        problems.add(where + " must be an object {questionId, optionIndex}");
        continue;
      }
      JsonNode questionId = answer.get("questionId");
      JsonNode optionIndex = answer.get("optionIndex");
      QuizRecord.Question question = null;
      if (questionId == null || !questionId.isTextual()) {
        problems.add(where + ".questionId must be a string");
      } else {
        try {
          question = questions.get(UUID.fromString(questionId.asText()));
        } catch (IllegalArgumentException e) {
          question = null;
        }
        if (question == null) {
          problems.add(where + ".questionId is not a question of this quiz");
        } else if (!seen.add(question.id())) {
          problems.add(where + ".questionId answers the same question twice");
        }
      }
      if (optionIndex == null || !optionIndex.isIntegralNumber()) {
        problems.add(where + ".optionIndex must be an integer");
      } else if (question != null
          && (optionIndex.asLong() < 0 || optionIndex.asLong() >= question.options().size())) {
        problems.add(where + ".optionIndex must be between 0 and " + (question.options().size() - 1));
      } else if (question != null) {
        chosen.put(question.id(), optionIndex.asInt());
      }
    }
    JsonBodies.failIfAny(problems);
    return chosen;
  }

  private CourseRecord course(String courseId) {
    return courses.findActive(Ids.parse(courseId, COURSE_NOT_FOUND))
        .orElseThrow(() -> ApiException.notFound(COURSE_NOT_FOUND));
  }

  private QuizRecord quiz(CourseRecord course, String quizId) {
    return courses.findQuiz(course.id(), Ids.parse(quizId, "Quiz not found"))
        .orElseThrow(() -> ApiException.notFound("Quiz not found"));
  }

  private UUID enrolledUser(CourseRecord course, SecurityContext security) {
    UUID userId = CurrentUser.of(security).id();
    if (!courses.isEnrolled(userId, course.id())) {
      throw ApiException.forbidden("Enroll in the course first");
    }
    return userId;
  }

  static int percent(int completed, int total) {
    return total == 0 ? 0 : Math.round(completed * 100f / total);
  }
}
