CREATE INDEX widgets_name ON widgets (name);
INSERT INTO widgets (id, name) VALUES (1, 'seeded');
