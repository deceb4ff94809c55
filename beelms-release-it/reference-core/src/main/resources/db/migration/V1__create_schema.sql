-- beelms reference core schema: WS-1 wiki, WS-2 accounts, WS-3 courses & assessments.
-- Ids are UUIDs (gen_random_uuid is built into PostgreSQL 13+).

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email          text        NOT NULL,
    password_hash  text        NOT NULL,
    role           text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    active         boolean     NOT NULL DEFAULT true,
    -- Bumped when the account is deleted or deactivated: tokens carry the version they were issued for.
    token_version  integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE wiki_articles (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text        NOT NULL UNIQUE,
    status      text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'inactive')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wiki_article_translations (
    article_id  uuid        NOT NULL REFERENCES wiki_articles (id) ON DELETE CASCADE,
    language    text        NOT NULL CHECK (language ~ '^[a-z]{2}$'),
    title       text        NOT NULL,
    content     text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, language)
);

CREATE TABLE course_categories (
    id    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name  text NOT NULL UNIQUE
);

CREATE TABLE courses (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title        text        NOT NULL,
    description  text        NOT NULL,
    language     text        NOT NULL DEFAULT 'bg',
    status       text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    is_paid      boolean     NOT NULL DEFAULT false,
    currency     text,
    price_cents  integer     CHECK (price_cents IS NULL OR price_cents >= 0),
    category_id  uuid REFERENCES course_categories (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT is_paid OR (price_cents > 0 AND currency IS NOT NULL))
);

CREATE TABLE tasks (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id    uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    title        text NOT NULL,
    description  text NOT NULL
);

CREATE TABLE quizzes (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id      uuid    NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    title          text    NOT NULL,
    -- Percentage of correct answers needed to pass.
    passing_score  integer NOT NULL CHECK (passing_score BETWEEN 0 AND 100)
);

CREATE TABLE quiz_questions (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    quiz_id               uuid    NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    position              integer NOT NULL,
    text                  text    NOT NULL,
    options               text[]  NOT NULL CHECK (cardinality(options) >= 2),
    correct_option_index  integer NOT NULL CHECK (correct_option_index >= 0 AND correct_option_index < cardinality(options)),
    UNIQUE (quiz_id, position)
);

CREATE TABLE curriculum_items (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id  uuid    NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    item_type  text    NOT NULL CHECK (item_type IN ('wiki', 'task', 'quiz')),
    title      text    NOT NULL,
    position   integer NOT NULL,
    wiki_slug  text REFERENCES wiki_articles (slug),
    task_id    uuid REFERENCES tasks (id),
    quiz_id    uuid REFERENCES quizzes (id),
    UNIQUE (course_id, position),
    CHECK ((item_type = 'wiki' AND wiki_slug IS NOT NULL AND task_id IS NULL AND quiz_id IS NULL)
        OR (item_type = 'task' AND task_id IS NOT NULL AND wiki_slug IS NULL AND quiz_id IS NULL)
        OR (item_type = 'quiz' AND quiz_id IS NOT NULL AND wiki_slug IS NULL AND task_id IS NULL))
);

CREATE TABLE course_purchases (
    user_id       uuid        NOT NULL REFERENCES users (id),
    course_id     uuid        NOT NULL REFERENCES courses (id),
    purchased_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, course_id)
);

CREATE TABLE enrollments (
    user_id      uuid        NOT NULL REFERENCES users (id),
    course_id    uuid        NOT NULL REFERENCES courses (id),
    enrolled_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, course_id)
);

CREATE TABLE curriculum_progress (
    user_id       uuid        NOT NULL REFERENCES users (id),
    item_id       uuid        NOT NULL REFERENCES curriculum_items (id) ON DELETE CASCADE,
    completed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);

CREATE TABLE quiz_attempts (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid        NOT NULL REFERENCES users (id),
    quiz_id       uuid        NOT NULL REFERENCES quizzes (id),
    score         integer     NOT NULL,
    max_score     integer     NOT NULL,
    passed        boolean     NOT NULL,
    answers       jsonb       NOT NULL,
    submitted_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_attempts_user_quiz_idx ON quiz_attempts (user_id, quiz_id);
