-- Three active wiki articles with Bulgarian (default) and English versions, and one draft.

INSERT INTO wiki_articles (id, slug, status) VALUES
    ('a0000000-0000-4000-8000-000000000001', 'getting-started', 'active'),
    ('a0000000-0000-4000-8000-000000000002', 'course-enrollment', 'active'),
    ('a0000000-0000-4000-8000-000000000003', 'quizzes-and-assessments', 'active'),
    ('a0000000-0000-4000-8000-000000000004', 'release-notes-draft', 'draft');

INSERT INTO wiki_article_translations (article_id, language, title, content) VALUES
    ('a0000000-0000-4000-8000-000000000001', 'bg', 'Първи стъпки', 'Как да започнете с beelms: регистрация, вход и първия курс.'),
    ('a0000000-0000-4000-8000-000000000001', 'en', 'Getting started', 'How to start with beelms: register, log in and take your first course.'),
    ('a0000000-0000-4000-8000-000000000002', 'bg', 'Записване за курс', 'Записването е безплатно за безплатните курсове; платените курсове се купуват първо.'),
    ('a0000000-0000-4000-8000-000000000002', 'en', 'Enrolling in a course', 'Enrolling is free for free courses; paid courses are bought first.'),
    ('a0000000-0000-4000-8000-000000000003', 'bg', 'Тестове и оценяване', 'Всеки тест има праг за преминаване; опитите се пазят.'),
    ('a0000000-0000-4000-8000-000000000003', 'en', 'Quizzes and assessments', 'Every quiz has a passing score; attempts are kept.'),
    ('a0000000-0000-4000-8000-000000000004', 'bg', 'Бележки по изданието (чернова)', 'Чернова, която гостите не виждат.'),
    ('a0000000-0000-4000-8000-000000000004', 'en', 'Release notes (draft)', 'A draft that guests never see.');
