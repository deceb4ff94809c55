package org.beelms.smoke.config;

import java.util.Objects;

/** An account's email and password; {@link #toString()} never shows the password. */
public record Credentials(String email, String password) {
    public Credentials {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[email=" + email + ", password=***]";
    }
}
