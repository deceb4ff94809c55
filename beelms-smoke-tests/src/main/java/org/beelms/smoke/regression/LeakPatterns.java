package org.beelms.smoke.regression;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an answer must never reveal: stack traces (Java, Node, Python), SQL and database driver errors, HTML error
 * pages; and the field names and values of secrets in user payloads and quiz payloads.
 */
public final class LeakPatterns {
    private record Named(String what, Pattern pattern) {
    }

    private static final Named HTML = new Named("an HTML page", Pattern.compile("(?i)<!doctype html|<html[\\s>]"));
    private static final List<Named> BODY = List.of(
            new Named("a Java stack trace", Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)")),
            new Named("a Java exception", Pattern.compile("\\b(java|javax|jakarta|org\\.hibernate|org\\.springframework)\\.[\\w.]*(Exception|Error)\\b")),
            new Named("a Node.js stack trace", Pattern.compile("\\bat [^\\n]{0,200}\\((/|[A-Za-z]:\\\\|node:)[^)]*:\\d+:\\d+\\)|node_modules/")),
            new Named("a Python traceback", Pattern.compile("Traceback \\(most recent call last\\)")),
            new Named("an SQL error", Pattern.compile("(?i)(QueryFailedError|SQLSTATE|PSQLException|SQLException|syntax error at or near|invalid input syntax for (type )?\\w+|ORA-\\d{5}|duplicate key value violates|relation \"[^\"]+\" does not exist|\\bSELECT\\b[^\"]{0,80}\\bFROM\\b)")),
            HTML);

    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)^(password|passwordHash|password_hash|hash|salt|hashedPassword|tokenVersion|token_version|ver|"
                    + "refreshToken|resetToken|passwordResetToken|twoFactorSecret|totpSecret)$");
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[abxy]?\\$\\d{2}\\$.{53}$");
    private static final Pattern ANSWER_FIELD = Pattern.compile(
            "(?i)(correct|rightAnswer|answerIndex|correctOption|solution|isAnswer|^answer$|^answers$)");

    private LeakPatterns() {
    }

    /** What {@code body} reveals that an error answer must not, if anything. */
    public static Optional<String> bodyLeak(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        for (Named n : BODY) {
            if (n.pattern().matcher(body).find()) {
                return Optional.of(n.what());
            }
        }
        return Optional.empty();
    }

    /**
     * What {@code body} reveals of the server's inside (a stack trace, SQL or a database driver's error), if anything;
     * unlike {@link #bodyLeak} an HTML page is not counted: a page answered below 400 may be the front end's.
     */
    public static Optional<String> traceOrSqlLeak(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        for (Named n : BODY) {
            if (n != HTML && n.pattern().matcher(body).find()) {
                return Optional.of(n.what());
            }
        }
        return Optional.empty();
    }

    /** A field name a user payload must not carry (password hash, token version, ...). */
    public static boolean isSecretField(String name) {
        return SECRET_FIELD.matcher(name).matches() || name.toLowerCase(Locale.ROOT).contains("password");
    }

    /** A value that looks like a bcrypt hash. */
    public static boolean looksLikeHash(Object value) {
        return value instanceof String s && BCRYPT.matcher(s).matches();
    }

    /** A field name of a quiz payload that gives the answer away. */
    public static boolean isAnswerField(String name) {
        return ANSWER_FIELD.matcher(name).find();
    }
}
