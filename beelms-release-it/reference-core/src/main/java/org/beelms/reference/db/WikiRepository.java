package org.beelms.reference.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Wiki articles; each is shown in the requested language when it has it, else in the default language. */
public final class WikiRepository {

  public static final String DEFAULT_LANGUAGE = "bg";

  /** Picks one translation per article: the requested language, then the default, then any. */
  private static final String TRANSLATION = "JOIN LATERAL (SELECT t.language, t.title, t.content, t.updated_at "
      + "FROM wiki_article_translations t WHERE t.article_id = a.id "
      + "ORDER BY (t.language = ?) DESC, (t.language = '" + DEFAULT_LANGUAGE + "') DESC, t.language LIMIT 1) tr ON true ";

  private static final String COLUMNS = "a.id, a.slug, a.status, tr.language, tr.title, tr.content, "
      + "greatest(a.updated_at, tr.updated_at) AS updated_at, "
      + "ARRAY(SELECT l.language FROM wiki_article_translations l WHERE l.article_id = a.id ORDER BY l.language) "
      + "AS languages ";

  private final Jdbc jdbc;

  public WikiRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static WikiArticleRecord map(ResultSet row, boolean withContent) throws SQLException {
    Array languages = row.getArray("languages");
    List<String> languageList = Arrays.asList((String[]) languages.getArray());
    return new WikiArticleRecord(Jdbc.uuid(row, "id"), row.getString("slug"), row.getString("status"),
        row.getString("language"), row.getString("title"), withContent ? row.getString("content") : null,
        Jdbc.timestamp(row, "updated_at"), List.copyOf(languageList));
  }

  /** A page of articles ordered by slug; {@code activeOnly} hides drafts; {@code query} matches title or content. */
  public Page<WikiArticleRecord> list(String query, String language, boolean activeOnly, int offset, int limit) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> filters = new ArrayList<>();
    if (activeOnly) {
      where.append(" AND a.status = 'active'");
    }
    if (query != null) {
      where.append(" AND EXISTS (SELECT 1 FROM wiki_article_translations s WHERE s.article_id = a.id "
          + "AND (s.title ILIKE ? OR s.content ILIKE ?))");
      String pattern = "%" + Like.escape(query) + "%";
      filters.add(pattern);
      filters.add(pattern);
    }
    long total = jdbc.count("SELECT count(*) FROM wiki_articles a" + where, filters.toArray());
    List<Object> parameters = new ArrayList<>();
    parameters.add(language);
    parameters.addAll(filters);
    parameters.add(limit);
    parameters.add(offset);
    List<WikiArticleRecord> rows = jdbc.query("SELECT " + COLUMNS + "FROM wiki_articles a " + TRANSLATION + where
        + " ORDER BY a.slug LIMIT ? OFFSET ?", row -> map(row, false), parameters.toArray());
    return new Page<>(rows, total);
  }

  /** The article with this slug in {@code language} (or the default language), whatever its status. */
  public Optional<WikiArticleRecord> findBySlug(String slug, String language) {
    return jdbc.queryOne("SELECT " + COLUMNS + "FROM wiki_articles a " + TRANSLATION + "WHERE a.slug = ?",
        row -> map(row, true), language, slug);
  }
}
