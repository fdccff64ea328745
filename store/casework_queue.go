package store

import (
	"context"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// The workqueues of a mission's desk.
const (
	QueueNew     = "new"     // submitted, no one works it yet
	QueueMine    = "mine"    // running cases the reader works
	QueueWaiting = "waiting" // awaiting the applicant
	QueueReady   = "ready"   // ready for a consul's decision
	QueueDueSoon = "due"     // the clock runs and the due day is near
	QueueOverdue = "overdue" // the clock runs and the due day has passed
)

// Queues lists the workqueues in the desk's order.
var Queues = []string{QueueNew, QueueMine, QueueWaiting, QueueReady, QueueDueSoon, QueueOverdue}

// QueueQuery is one page of a workqueue: the mission's, for the staff
// member UserID (mine), as of Today (due soon: due by Soon), after the
// cursor (the last row's due day and id; zero for the first page).
type QueueQuery struct {
	Mission     string
	Queue       string
	UserID      int64
	Today, Soon calendar.Date
	AfterDue    string
	AfterID     int64
	Limit       int
}

// QueueRow is one case in a workqueue: enough to choose it, no answers.
type QueueRow struct {
	ID        int64
	Reference string
	CaseType  string
	Stage     string
	Due       calendar.Date
	Assignee  string
	Submitted int64
}

// queueWhere is the condition of each queue, written so that each reads
// its own index of migration 00032 in (due_on, id) order.
func queueWhere(q QueueQuery) (string, []any, error) {
	switch q.Queue {
	case QueueNew:
		return `mission_id = ? AND stage = 'submitted' AND assignee_id IS NULL`, []any{q.Mission}, nil
	case QueueMine:
		return `assignee_id = ? AND mission_id = ? AND stage IN ('submitted', 'in_review', 'waiting', 'ready')`, []any{q.UserID, q.Mission}, nil
	case QueueWaiting:
		return `mission_id = ? AND stage = 'waiting'`, []any{q.Mission}, nil
	case QueueReady:
		return `mission_id = ? AND stage = 'ready'`, []any{q.Mission}, nil
	case QueueDueSoon:
		return `mission_id = ? AND stage IN ('submitted', 'in_review', 'ready') AND due_on >= ? AND due_on <= ?`,
			[]any{q.Mission, q.Today.String(), q.Soon.String()}, nil
	case QueueOverdue:
		return `mission_id = ? AND stage IN ('submitted', 'in_review', 'ready') AND due_on < ?`, []any{q.Mission, q.Today.String()}, nil
	}
	return "", nil, chancery.Errorf(chancery.ENOTFOUND, "error.case_queue_unknown")
}

// MaxQueuePage is the most rows a page of a workqueue holds.
const MaxQueuePage = 100

// CaseQueue reads a page of a workqueue, most urgent first (due day, then
// the order cases came), and whether there is a next page. The caller
// checks that the reader serves the mission.
func (db *DB) CaseQueue(ctx context.Context, q QueueQuery) ([]QueueRow, bool, error) {
	where, args, err := queueWhere(q)
	if err != nil {
		return nil, false, err
	}
	if q.Limit <= 0 || q.Limit > MaxQueuePage {
		q.Limit = MaxQueuePage
	}
	if q.AfterID > 0 {
		where += ` AND (due_on, id) > (?, ?)` // a row value: one range of the index
		args = append(args, q.AfterDue, q.AfterID)
	}
	args = append(args, q.Limit+1)
	rows, err := db.reader().query(ctx, `SELECT id, reference, case_type, stage, COALESCE(due_on, ''), submitted_at,
		COALESCE((SELECT username FROM users WHERE users.id = applications.assignee_id), '')
		FROM applications WHERE `+where+` ORDER BY due_on, id LIMIT ?`, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var out []QueueRow
	for rows.Next() {
		var r QueueRow
		var due string
		var submitted *int64
		if err := rows.Scan(&r.ID, &r.Reference, &r.CaseType, &r.Stage, &due, &submitted, &r.Assignee); err != nil {
			return nil, false, err
		}
		r.Due, _ = calendar.ParseDate(due)
		if submitted != nil {
			r.Submitted = *submitted
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// MaxQueueCount is where a workqueue's count stops: a count reads every
// entry it counts, so a queue of 40,000 overdue cases is shown as
// "1,000 or more" rather than read whole on every page.
const MaxQueueCount = 1000

// QueueCounts counts the cases in each of a mission's workqueues, up to
// MaxQueueCount.
func (db *DB) QueueCounts(ctx context.Context, q QueueQuery) (map[string]int, error) {
	out := map[string]int{}
	for _, name := range Queues {
		q.Queue = name
		where, args, err := queueWhere(q)
		if err != nil {
			return nil, err
		}
		var n int
		args = append(args, MaxQueueCount)
		if err := db.reader().queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM applications WHERE `+where+` LIMIT ?) AS q`, args...).Scan(&n); err != nil {
			return nil, err
		}
		out[name] = n
	}
	return out, nil
}
