INSERT INTO customers (email, name) VALUES ('ada@example.test', 'Ada'), ('bob@example.test', 'Bob');
