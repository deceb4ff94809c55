package org.beelms.smoke.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** The checks a {@link SmokeConfig} makes of its values when it is built, and the API base it derives from them. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static String normalisePrefix(String prefix) {
        String p = prefix.trim();
        if (p.isEmpty() || p.equals("/")) {
            return "";
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    static URI checkHttp(String key, String source, URI uri) {
        if (uri.getUserInfo() != null || org.beelms.smoke.client.Redactor.hasUserInfo(uri.toString())) {
            throw SmokeConfigException.invalid(key, source, "(URL with user info, not shown)",
                    "a URL without credentials; set user.email/user.password (settings.xml <server> or environment)"
                            + " instead");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw SmokeConfigException.invalid(key, source, org.beelms.smoke.client.Redactor.maskUrlUserInfo(uri.toString()),
                    "an absolute http(s) URL with a host, e.g. http://127.0.0.1:3000/api");
        }
        if (uri.getUserInfo() != null) {
            throw SmokeConfigException.invalid(key, source, "(URL with user info)",
                    "a URL without credentials; set user.email/user.password instead");
        }
        return uri;
    }

    static URI apiBase(URI url, String prefix) {
        String path = url.getPath() == null ? "" : url.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!prefix.isEmpty() && !path.endsWith(prefix)) {
            path = path + prefix;
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path);
    }

    static Duration positive(String key, SmokeConfig.Builder b, Duration value, Duration def) {
        if (value == null) {
            return def;
        }
        if (value.isNegative() || value.isZero()) {
            throw SmokeConfigException.invalid(key, b.source(key), value.toString(), "a positive duration, e.g. PT5S");
        }
        return value;
    }
}
