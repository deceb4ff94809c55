package org.beelms.reference.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
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
import jakarta.ws.rs.QueryParam;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.beelms.reference.db.Page;
import org.beelms.reference.db.WikiArticleRecord;
import org.beelms.reference.db.WikiRepository;

/** WS-1: the public wiki (active articles only). */
@Singleton
@Path("wiki/articles")
@Produces(MediaType.APPLICATION_JSON)
public final class WikiResource {

  private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

  private final WikiRepository wiki;

  @Inject
  public WikiResource(WikiRepository wiki) {
    this.wiki = wiki;
  }

  @GET
  public Response list(@QueryParam("q") String query, @QueryParam("lang") String lang,
      @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
    Paging paging = Paging.of(page, pageSize);
    Page<WikiArticleRecord> articles = wiki.list(blankToNull(query), language(lang), true, paging.offset(),
        paging.pageSize());
    List<Map<String, Object>> body = articles.items().stream().map(Views::articleSummary).toList();
    return Response.ok(body).header("X-Total-Count", articles.total()).build();
  }

  @GET
  @Path("{slug}")
  public Map<String, Object> get(@PathParam("slug") String slug, @QueryParam("lang") String lang) {
    return wiki.findBySlug(slug, language(lang))
        .filter(article -> "active".equals(article.status()))
        .map(Views::article)
        .orElseThrow(() -> ApiException.notFound("Article not found"));
  }

  /** The requested language, or the default (bg) when none or an unusable one is given. */
  static String language(String lang) {
    if (lang == null) {
      return WikiRepository.DEFAULT_LANGUAGE;
    }
    String normalised = lang.trim().toLowerCase(Locale.ROOT);
    return LANGUAGE.matcher(normalised).matches() ? normalised : WikiRepository.DEFAULT_LANGUAGE;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
