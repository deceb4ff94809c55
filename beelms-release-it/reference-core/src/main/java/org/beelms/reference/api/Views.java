package org.beelms.reference.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.beelms.reference.db.CourseRecord;
import org.beelms.reference.db.CurriculumItemRecord;
import org.beelms.reference.db.UserRecord;
import org.beelms.reference.db.WikiArticleRecord;

/** The JSON shapes of the API (field names and order as beelms core sends them). */
final class Views {

  private Views() {
  }

  static Map<String, Object> account(UserRecord user) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", user.id());
    view.put("email", user.email());
    view.put("createdAt", user.createdAt());
    view.put("role", user.role());
    return view;
  }

  static Map<String, Object> adminUser(UserRecord user) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", user.id());
    view.put("email", user.email());
    view.put("role", user.role());
    view.put("active", user.active());
    view.put("createdAt", user.createdAt());
    return view;
  }

  static Map<String, Object> articleSummary(WikiArticleRecord article) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", article.id());
    view.put("slug", article.slug());
    view.put("language", article.language());
    view.put("title", article.title());
    view.put("updatedAt", article.updatedAt());
    view.put("languages", article.languages());
    view.put("status", article.status());
    return view;
  }

  static Map<String, Object> article(WikiArticleRecord article) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", article.id());
    view.put("slug", article.slug());
    view.put("language", article.language());
    view.put("title", article.title());
    view.put("content", article.content());
    view.put("status", article.status());
    view.put("updatedAt", article.updatedAt());
    view.put("languages", article.languages());
    return view;
  }

  static Map<String, Object> course(CourseRecord course) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", course.id());
    view.put("title", course.title());
    view.put("description", course.description());
    view.put("language", course.language());
    view.put("status", course.status());
    view.put("isPaid", course.paid());
    view.put("currency", course.currency());
    view.put("priceCents", course.priceCents());
    view.put("categoryId", course.categoryId());
    return view;
  }

  static Map<String, Object> curriculumItem(CurriculumItemRecord item) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", item.id());
    view.put("itemType", item.itemType());
    view.put("title", item.title());
    view.put("order", item.order());
    view.put("wikiSlug", item.wikiSlug());
    view.put("taskId", item.taskId());
    view.put("quizId", item.quizId());
    return view;
  }
}
