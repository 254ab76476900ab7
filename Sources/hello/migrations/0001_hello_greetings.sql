-- Migration number: 0001 	 2026-11-28T01:30:00.000Z
-- The hello example's table: GET /greetings lists it.
CREATE TABLE greetings (
    id INTEGER PRIMARY KEY,
    message TEXT NOT NULL
);
INSERT INTO greetings (message) VALUES ('Hello from D1!');
