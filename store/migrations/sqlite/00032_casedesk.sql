-- +goose Up
-- The desk works cases (issue 14 §5). Staff belong to missions and see
-- only their missions' cases (an administrator sees every mission).
CREATE TABLE staff_missions (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mission_id TEXT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, mission_id)
);
-- Every account existing before staff had missions keeps seeing every one.
INSERT INTO staff_missions (user_id, mission_id) SELECT users.id, missions.id FROM users, missions;

-- Who works the case (one at a time: taken only while unassigned), when it
-- is due (a date in the mission's working days, shifted by the time spent
-- waiting for the applicant), what the mission asked for and by when, the
-- fee paid at the counter, and the decision.
ALTER TABLE applications ADD COLUMN assignee_id INTEGER REFERENCES users (id);
ALTER TABLE applications ADD COLUMN due_on TEXT;
ALTER TABLE applications ADD COLUMN waiting_since INTEGER;
ALTER TABLE applications ADD COLUMN request_message TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN request_deadline TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN fee_receipt TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN fee_paid_at INTEGER;
ALTER TABLE applications ADD COLUMN result TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN decided_at INTEGER;
ALTER TABLE applications ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
-- A refusal a first consul proposed, when the case type needs a second.
ALTER TABLE applications ADD COLUMN refusal_proposed_by INTEGER REFERENCES users (id);
ALTER TABLE applications ADD COLUMN refusal_reasons TEXT NOT NULL DEFAULT '';
-- Cases submitted before due dates existed are due on the day they came.
UPDATE applications SET due_on = date(submitted_at / 1000, 'unixepoch') WHERE submitted_at IS NOT NULL;

-- The workqueues, each read a page at a time in (due_on, id) order from
-- its index, and counted from it alone: by stage (new: submitted, and no
-- one works it; awaiting the applicant; ready for decision), by assignee
-- (mine: only running cases), and the cases whose clock runs (due soon,
-- overdue). A partial index serves a query that repeats its condition.
DROP INDEX applications_queue; -- by updated_at: these queues replace it
CREATE INDEX applications_stage_due ON applications (mission_id, stage, due_on, id, assignee_id);
CREATE INDEX applications_assignee_due ON applications (assignee_id, mission_id, due_on, id) WHERE stage IN ('submitted', 'in_review', 'waiting', 'ready');
CREATE INDEX applications_running_due ON applications (mission_id, due_on, id) WHERE stage IN ('submitted', 'in_review', 'ready');

-- +goose Down
DROP INDEX applications_running_due;
DROP INDEX applications_assignee_due;
DROP INDEX applications_stage_due;
CREATE INDEX applications_queue ON applications (mission_id, stage, updated_at);
ALTER TABLE applications DROP COLUMN refusal_reasons;
ALTER TABLE applications DROP COLUMN refusal_proposed_by;
ALTER TABLE applications DROP COLUMN decided_by;
ALTER TABLE applications DROP COLUMN decided_at;
ALTER TABLE applications DROP COLUMN reasons;
ALTER TABLE applications DROP COLUMN result;
ALTER TABLE applications DROP COLUMN fee_paid_at;
ALTER TABLE applications DROP COLUMN fee_receipt;
ALTER TABLE applications DROP COLUMN request_deadline;
ALTER TABLE applications DROP COLUMN request_message;
ALTER TABLE applications DROP COLUMN waiting_since;
ALTER TABLE applications DROP COLUMN due_on;
ALTER TABLE applications DROP COLUMN assignee_id;
DROP TABLE staff_missions;
