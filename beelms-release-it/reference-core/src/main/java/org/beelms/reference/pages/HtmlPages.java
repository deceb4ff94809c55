package org.beelms.reference.pages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.beelms.reference.db.CourseRecord;
import org.beelms.reference.db.CourseRepository;
import org.beelms.reference.db.CurriculumItemRecord;
import org.beelms.reference.db.DataAccessException;
import org.beelms.reference.db.WikiArticleRecord;
import org.beelms.reference.db.WikiRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo pages of the WS checklists, outside the API prefix: server-rendered {@code /wiki}, {@code /wiki/{slug}},
 * {@code /courses}, {@code /courses/{courseId}}; the client-rendered {@code /login} and {@code /my-courses}; and the
 * client-rendered twins of all of them under {@code /app} ({@link ClientPages}). Deliberately a plain
 * {@link HttpHandler} rather than JAX-RS, so the API's route table (the JAX-RS annotations) holds API
 * routes only.
 */
public final class HtmlPages implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(HtmlPages.class);
  private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

  private final WikiRepository wiki;
  private final CourseRepository courses;
  private final String apiPrefix;
  private final ClientPages clientPages;

  public HtmlPages(WikiRepository wiki, CourseRepository courses, String apiPrefix) {
    this(wiki, courses, apiPrefix, false);
  }

  /**
   * @param brokenPageScript {@code --fault-page-script}: the client-rendered pages' script throws after its API call
   */
  public HtmlPages(WikiRepository wiki, CourseRepository courses, String apiPrefix, boolean brokenPageScript) {
    this(wiki, courses, apiPrefix, FrontEnd.DEFAULT.withBrokenScript(brokenPageScript), null);
  }

  /**
   * @param frontEnd the client-rendered pages' switches
   * @param thirdPartyScript the never-answering script of another origin the client-rendered pages load, or
   *     {@code null}
   */
  public HtmlPages(WikiRepository wiki, CourseRepository courses, String apiPrefix, FrontEnd frontEnd,
      java.net.URI thirdPartyScript) {
    this.wiki = wiki;
    this.courses = courses;
    this.apiPrefix = apiPrefix;
    this.clientPages = new ClientPages(wiki, courses, apiPrefix, frontEnd, thirdPartyScript);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, page("Method not allowed", "<p>Pages answer GET only.</p>"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      try {
        if (trimmed.equals(ClientPages.SCRIPT)) {
          send(exchange, 200, "text/javascript; charset=UTF-8", clientPages.script());
          return;
        }
        Page page = route(trimmed, queryLanguage(exchange.getRequestURI().getRawQuery()),
            ClientPages.cookies(exchange.getRequestHeaders().get("Cookie")));
        send(exchange, page.status, page.html);
      } catch (DataAccessException e) {
        LOG.error("page {} could not read the database: {}", trimmed, e.getMessage());
        send(exchange, 503, page("Service unavailable", "<p>The database cannot be reached.</p>"));
      } catch (RuntimeException e) {
        // Without an answer the JDK server would just drop the connection.
        LOG.error("page {} failed", trimmed, e);
        send(exchange, 500, page("Internal server error", "<p>The page could not be rendered.</p>"));
      }
    }
  }

  private Page route(String path, String queryLanguage, java.util.Map<String, String> cookies) {
    String language = queryLanguage == null ? WikiRepository.DEFAULT_LANGUAGE : queryLanguage;
    if (path.equals(ClientPages.PREFIX) || path.startsWith(ClientPages.PREFIX + "/")) {
      String inner = path.length() == ClientPages.PREFIX.length() ? "/" : path.substring(ClientPages.PREFIX.length());
      if (inner.equals("/")) {
        return ok(page("beelms (client-rendered)", "<ul><li><a href=\"/app/wiki\">Wiki</a></li><li><a href=\""
            + "/app/courses\">Courses</a></li><li><a href=\"/app/my-courses\">My courses</a></li><li><a href=\""
            + "/app/login\">Log in</a></li></ul>"));
      }
      return clientPages.shell(ClientPages.PREFIX, inner, queryLanguage, cookies).map(HtmlPages::ok)
          .orElseGet(() -> notFound("Page not found"));
    }
    Optional<String> clientSide = clientPages.shell("", path, queryLanguage, cookies);
    if (clientSide.isPresent()) {
      return ok(clientSide.get());
    }
    if (path.equals("/")) {
      return ok(page("beelms", "<ul><li><a href=\"/wiki\">Wiki</a></li><li><a href=\"/courses\">Courses</a></li>"
          + "<li><a href=\"/my-courses\">My courses</a></li><li><a href=\"" + escape(apiPrefix)
          + "/health\">API health</a></li></ul>"));
    }
    if (path.equals("/wiki")) {
      StringBuilder list = new StringBuilder("<ul class=\"articles\">");
      for (WikiArticleRecord article : wiki.list(null, language, true, 0, 100).items()) {
        list.append("<li><a href=\"/wiki/").append(escape(article.slug())).append("\">")
            .append(escape(article.title())).append("</a></li>");
      }
      return ok(page("Wiki", list.append("</ul>").toString()));
    }
    if (path.startsWith("/wiki/") && path.indexOf('/', "/wiki/".length()) < 0) {
      String slug = URLDecoder.decode(path.substring("/wiki/".length()), StandardCharsets.UTF_8);
      return wiki.findBySlug(slug, language)
          .filter(article -> "active".equals(article.status()))
          .map(article -> ok(page(article.title(), "<article lang=\"" + escape(article.language()) + "\"><h2>"
              + escape(article.title()) + "</h2><p>" + escape(article.content()) + "</p></article>")))
          .orElseGet(() -> notFound("Article not found"));
    }
    if (path.equals("/courses")) {
      StringBuilder list = new StringBuilder("<ul class=\"courses\">");
      for (CourseRecord course : courses.listActive()) {
        list.append("<li><a href=\"/courses/").append(course.id()).append("\">").append(escape(course.title()))
            .append("</a>").append(course.paid() ? " (paid)" : " (free)").append("</li>");
      }
      return ok(page("Courses", list.append("</ul>").toString()));
    }
    if (path.startsWith("/courses/") && path.indexOf('/', "/courses/".length()) < 0) {
      return uuid(path.substring("/courses/".length()))
          .flatMap(courses::findActive)
          .map(course -> {
            StringBuilder body = new StringBuilder("<p>").append(escape(course.description())).append("</p><ol>");
            for (CurriculumItemRecord item : courses.curriculum(course.id())) {
              body.append("<li>").append(escape(item.itemType())).append(": ").append(escape(item.title()))
                  .append("</li>");
            }
            return ok(page(course.title(), body.append("</ol>").toString()));
          })
          .orElseGet(() -> notFound("Course not found"));
    }
    return notFound("Page not found");
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The page's {@code lang} query parameter, or {@code null} when it has none (or not a language code). */
  static String queryLanguage(String rawQuery) {
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.startsWith("lang=")) {
          String lang = pair.substring("lang=".length()).toLowerCase(Locale.ROOT);
          if (LANGUAGE.matcher(lang).matches()) {
            return lang;
          }
        }
      }
    }
    return null;
  }

  private static Page ok(String html) {
    return new Page(200, html);
  }

  private static Page notFound(String title) {
    return new Page(404, page(title, "<p><a href=\"/\">Home</a></p>"));
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"bg\"><head><meta charset=\"UTF-8\"><title>" + escape(title)
        + " – beelms</title><link rel=\"icon\" href=\"data:,\"></head><body><nav><a href=\"/wiki\">Wiki</a> | <a href=\"/courses\">Courses</a> | "
        + "<a href=\"/my-courses\">My courses</a> | <a href=\"/login\">Log in</a></nav><h1>" + escape(title) + "</h1>" + body + "</body></html>\n";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static void send(HttpExchange exchange, int status, String html) throws IOException {
    send(exchange, status, "text/html; charset=UTF-8", html);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private record Page(int status, String html) {
  }
}
