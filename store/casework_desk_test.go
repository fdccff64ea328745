package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

const chongqing = "by-cg-chongqing"

// deskFixture is a seeded database at a set time with a case type that
// asks nothing and needs no document (so a case can be submitted before
// uploads exist), two officers and two consuls.
type deskFixture struct {
	db                   *store.DB
	now                  *time.Time
	officer, officer2    staff.User
	consul, consul2      staff.User
	admin                staff.User
	mails                *[]string // the stages whose mail was queued
	mail                 store.ApplicationMail
	plainType, twoConsul string
}

func newDeskFixture(t *testing.T, start time.Time) deskFixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	now := start
	db.Now = func() time.Time { return now }
	f := deskFixture{db: db, now: &now, plainType: "plain", twoConsul: "plain2"}
	visa, err := db.CaseType(ctx, chongqing, "visa", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{f.plainType, f.twoConsul} {
		plain := visa
		plain.ID, plain.Version, plain.Questions, plain.Documents, plain.ProcessingDays = id, 0, nil, nil, 2
		plain.SecondConsul = id == f.twoConsul
		if len(plain.Refusals) < 2 {
			t.Fatalf("the visa type has %d refusal reasons", len(plain.Refusals))
		}
		if _, err := db.SaveCaseType(ctx, store.Actor{Name: "test"}, plain); err != nil {
			t.Fatal(err)
		}
	}
	users, err := db.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		switch u.Username {
		case "officer":
			f.officer = u
		case "consul":
			f.consul = u
		case "admin":
			f.admin = u
		}
	}
	if f.officer2, err = db.CreateUser(ctx, store.Actor{Name: "test"}, "officer2", storetest.Password, staff.Officer); err != nil {
		t.Fatal(err)
	}
	if f.consul2, err = db.CreateUser(ctx, store.Actor{Name: "test"}, "consul2", storetest.Password, staff.Consul); err != nil {
		t.Fatal(err)
	}
	var mails []string
	f.mails = &mails
	f.mail = func(a casework.Application, ty casework.CaseType) ([]store.Message, error) {
		if st, ok := ty.Stage(a.Stage); ok && st.Informs {
			mails = append(mails, a.Stage)
		}
		return nil, nil
	}
	return f
}

// submit starts, confirms and submits a case of the type; it returns the
// reference and the private link's token.
func (f deskFixture) submit(t *testing.T, caseType string) (string, string) {
	t.Helper()
	ctx := context.Background()
	token, tokenHash := booking.NewToken()
	code, codeHash := booking.NewToken()
	a, err := f.db.CreateApplication(ctx, store.NewApplication{Mission: chongqing, CaseType: caseType, Email: "li.wei@example.com", Lang: "zh",
		TokenHash: tokenHash, VerifyHash: codeHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.ConfirmApplication(ctx, a.Reference, code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.SubmitApplication(ctx, a.Reference, token, f.mail); err != nil {
		t.Fatal(err)
	}
	return a.Reference, token
}

func shanghai(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, time.FixedZone("CST", 8*3600))
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// TestCaseDueDate: a case is due the type's processing days later in the
// mission's working days, skipping Belarus's Independence Day (Friday
// 3 July 2026) and the weekend; the days it waits for the applicant stop
// its clock, and it is due that many working days later.
func TestCaseDueDate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDeskFixture(t, shanghai(t, "2026-07-02 10:00"))
	ref, token := f.submit(t, f.plainType)
	a, _, err := f.db.ReadCase(ctx, f.officer, ref)
	if err != nil {
		t.Fatal(err)
	}
	if a.Due.String() != "2026-07-07" {
		t.Fatalf("submitted Thursday 2 July, two working days: due %s, want 2026-07-07 (3 July a Belarusian holiday)", a.Due)
	}
	if _, err := f.db.TakeCase(ctx, f.officer, ref); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.StartCheck(ctx, f.officer, ref, f.mail); err != nil {
		t.Fatal(err)
	}
	by := calendar.Date{Year: 2026, Month: 7, Day: 20}
	if _, err := f.db.RequestMore(ctx, f.officer, ref, "A clearer copy of the invitation, please.", by, f.mail); err != nil {
		t.Fatal(err)
	}
	// Waiting from Monday 6 to Wednesday 8 July: two working days stopped.
	*f.now = shanghai(t, "2026-07-06 09:00")
	if _, err := f.db.RequestMore(ctx, f.officer, ref, "again", by, f.mail); !errors.Is(err, casework.ErrCaseMoved) {
		t.Errorf("a request while waiting: %v", err)
	}
	f.db.Now = func() time.Time { return shanghai(t, "2026-07-08 11:00") }
	if _, err := f.db.SaveAnswers(ctx, ref, token, casework.Answers{}); err != nil {
		t.Errorf("the applicant edits while the mission waits: %v", err)
	}
	back, err := f.db.SubmitApplication(ctx, ref, token, f.mail)
	if err != nil || back.Stage != casework.InReview {
		t.Fatalf("resubmitted: %s %v", back.Stage, err)
	}
	// Waiting since Thursday 2 July (its due 7 July): working days 6, 7, 8 July
	// passed while it waited, so it is due three working days later.
	if back.Due.String() != "2026-07-10" {
		t.Errorf("due after waiting 6–8 July: %s, want 2026-07-10", back.Due)
	}
}

// TestCaseLock: of two officers taking a case at once one wins; the other
// cannot act on it (409 naming who works it); a consul takes it over;
// only the assignee releases it.
func TestCaseLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDeskFixture(t, shanghai(t, "2026-12-07 10:00"))
	ref, _ := f.submit(t, f.plainType)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, u := range []staff.User{f.officer, f.officer2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.db.TakeCase(ctx, u, ref)
		}()
	}
	wg.Wait()
	won := slices.IndexFunc(errs, func(err error) bool { return err == nil })
	if won < 0 || !errors.Is(errs[1-won], casework.ErrCaseTaken) {
		t.Fatalf("two officers at once: %v", errs)
	}
	winner, loser := []staff.User{f.officer, f.officer2}[won], []staff.User{f.officer, f.officer2}[1-won]
	if a, err := f.db.TakeCase(ctx, winner, ref); err != nil || a.Assignee != winner.Username {
		t.Errorf("taken again by its assignee: %v", err)
	}
	_, err := f.db.StartCheck(ctx, loser, ref, f.mail)
	if chancery.ErrorCode(err) != chancery.ECONFLICT || !strings.Contains(err.Error(), "case_assigned_other") {
		t.Errorf("the other officer acts: %v", err)
	}
	if _, err := f.db.ReleaseCase(ctx, loser, ref); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("the other officer releases: %v", err)
	}
	a, err := f.db.TakeOverCase(ctx, f.consul, ref)
	if err != nil || a.Assignee != "consul" {
		t.Fatalf("consul takeover: %+v %v", a.Work, err)
	}
	if _, err := f.db.StartCheck(ctx, winner, ref, f.mail); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("the officer after the takeover: %v", err)
	}
	if a, err := f.db.ReleaseCase(ctx, f.consul, ref); err != nil || a.Assignee != "" {
		t.Errorf("release: %v", err)
	}
	if _, err := f.db.TakeCase(ctx, winner, ref); err != nil {
		t.Errorf("taken again after release: %v", err)
	}
	// Two steps at once on the same stage: one goes through.
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.db.StartCheck(ctx, winner, ref, f.mail)
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) || !errors.Is(errors.Join(errs...), casework.ErrCaseMoved) {
		t.Errorf("two checks started at once: %v", errs)
	}
	dump := storetest.Dump(t, f.db, f.db.DSN, "audit_log")
	for _, action := range []string{"application.take", "application.takeover", "application.release", "application.check"} {
		if !strings.Contains(dump, action) {
			t.Errorf("no %s in the audit log", action)
		}
	}
}

// TestCaseDecisions: an officer checks a case and finds it complete; a
// consul issues it (the issue hook runs in its transaction) or refuses it
// with reasons from the type's list; with a second consul, the first
// consul's refusal is a proposal the same consul cannot confirm and a
// different one does. Mails go at the type's informing statuses; every
// read and step is audited.
func TestCaseDecisions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDeskFixture(t, shanghai(t, "2026-12-07 10:00"))
	ready := func(caseType string) string {
		ref, _ := f.submit(t, caseType)
		for _, step := range []func() (casework.Application, error){
			func() (casework.Application, error) { return f.db.TakeCase(ctx, f.officer, ref) },
			func() (casework.Application, error) { return f.db.StartCheck(ctx, f.officer, ref, f.mail) },
			func() (casework.Application, error) { return f.db.RecordFee(ctx, f.officer, ref, "R-2026-0042") },
			func() (casework.Application, error) { return f.db.CompleteCase(ctx, f.officer, ref, f.mail) },
			func() (casework.Application, error) { return f.db.TakeOverCase(ctx, f.consul, ref) },
		} {
			if _, err := step(); err != nil {
				t.Fatal(err)
			}
		}
		return ref
	}
	ref := ready(f.plainType)
	if _, err := f.db.IssueCase(ctx, f.officer, ref, f.mail, nil); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("the officer, not the assignee, issues: %v", err)
	}
	hooked := false
	a, err := f.db.IssueCase(ctx, f.consul, ref, f.mail, func(_ context.Context, _ *store.Tx, a casework.Application, _ casework.CaseType) error {
		hooked = a.Result == casework.ResultIssued
		return nil
	})
	if err != nil || a.Stage != casework.Decided || a.Result != casework.ResultIssued || a.DecidedBy != "consul" || !hooked {
		t.Fatalf("issued: %+v %v (hook %v)", a.Work, err, hooked)
	}
	if _, err := f.db.IssueCase(ctx, f.consul, ref, f.mail, nil); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("issued twice: %v", err)
	}
	var keepUntil *int64
	if err := storetest.Raw(t, f.db, f.db.DSN).QueryRow(`SELECT keep_until FROM applications WHERE reference = '` + ref + `'`).Scan(&keepUntil); err != nil || keepUntil == nil {
		t.Errorf("the issued case's keeping has no end: %v", err)
	}
	if got, _, err := f.db.ReadCase(ctx, f.consul, ref); err != nil || got.FeeReceipt != "R-2026-0042" || got.Decided.IsZero() {
		t.Errorf("read back: %+v %v", got.Work, err)
	}

	plain, err := f.db.CaseType(ctx, chongqing, f.plainType, 0)
	if err != nil {
		t.Fatal(err)
	}
	reasons := []string{plain.Refusals[1].ID, plain.Refusals[0].ID}
	ref = ready(f.plainType)
	if _, _, err := f.db.RefuseCase(ctx, f.consul, ref, nil, f.mail, nil); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("a refusal without reasons: %v", err)
	}
	if _, _, err := f.db.RefuseCase(ctx, f.consul, ref, []string{"made_up"}, f.mail, nil); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("a reason not on the list: %v", err)
	}
	a, proposed, err := f.db.RefuseCase(ctx, f.consul, ref, reasons, f.mail, nil)
	if err != nil || proposed || a.Result != casework.ResultRefused || !slices.Equal(a.Reasons, []string{plain.Refusals[0].ID, plain.Refusals[1].ID}) {
		t.Errorf("refused by one consul: %+v %v %v", a.Work, proposed, err)
	}

	ref = ready(f.twoConsul)
	a, proposed, err = f.db.RefuseCase(ctx, f.consul, ref, reasons[:1], f.mail, nil)
	if err != nil || !proposed || a.Stage != casework.ReadyToDecide || a.RefusalProposedBy != "consul" {
		t.Fatalf("proposed: %+v %v %v", a.Work, proposed, err)
	}
	if _, _, err := f.db.RefuseCase(ctx, f.consul, ref, nil, f.mail, nil); !errors.Is(err, casework.ErrSameConsul) {
		t.Errorf("the same consul confirms: %v", err)
	}
	if _, err := f.db.TakeOverCase(ctx, f.consul2, ref); err != nil {
		t.Fatal(err)
	}
	a, proposed, err = f.db.RefuseCase(ctx, f.consul2, ref, nil, f.mail, nil)
	if err != nil || proposed || a.Stage != casework.Decided || a.Result != casework.ResultRefused || a.DecidedBy != "consul2" ||
		!slices.Equal(a.Reasons, reasons[:1]) {
		t.Errorf("confirmed by a second consul: %+v %v %v", a.Work, proposed, err)
	}

	// The types' informing statuses are the visa's: count what was mailed.
	var want []string
	for _, st := range []string{casework.Submitted, casework.InReview, casework.ReadyToDecide, casework.Decided} {
		if s, _ := plain.Stage(st); s.Informs {
			want = append(want, st)
		}
	}
	for _, st := range want {
		if !slices.Contains(*f.mails, st) {
			t.Errorf("no mail at the informing status %s: %v", st, *f.mails)
		}
	}
	for _, st := range *f.mails {
		if !slices.Contains(want, st) {
			t.Errorf("a mail at %s, which does not inform", st)
		}
	}
	dump := storetest.Dump(t, f.db, f.db.DSN, "audit_log")
	for _, action := range []string{"application.read", "application.fee", "application.complete", "application.issue",
		"application.refuse", "application.refusal_propose"} {
		if !strings.Contains(dump, action) {
			t.Errorf("no %s in the audit log", action)
		}
	}
}

// TestCaseMissionScope: staff see only their missions' cases (another
// mission's case is not found, read or worked); an administrator sees
// every mission; new accounts start with every mission.
func TestCaseMissionScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDeskFixture(t, shanghai(t, "2026-12-07 10:00"))
	ref, _ := f.submit(t, f.plainType)
	if ok, err := f.db.ServesMission(ctx, f.officer2, chongqing); err != nil || !ok {
		t.Fatalf("a new account serves Chongqing: %v %v", ok, err)
	}
	if err := f.db.SetUserMissions(ctx, store.ActorOf(f.admin), "officer2", nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.db.ReadCase(ctx, f.officer2, ref); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("another mission's case read: %v", err)
	}
	if _, err := f.db.TakeCase(ctx, f.officer2, ref); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("another mission's case taken: %v", err)
	}
	if err := f.db.SetUserMissions(ctx, store.ActorOf(f.admin), "admin", nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.db.ReadCase(ctx, f.admin, ref); err != nil {
		t.Errorf("an administrator reads any mission's case: %v", err)
	}
	if err := f.db.SetUserMissions(ctx, store.ActorOf(f.admin), "officer2", []string{"no-such-mission"}); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("an unknown mission: %v", err)
	}
	if err := f.db.SetUserMissions(ctx, store.ActorOf(f.admin), "officer2", []string{chongqing}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.db.ReadCase(ctx, f.officer2, ref); err != nil {
		t.Errorf("Chongqing's case after the mission is given back: %v", err)
	}
}

// TestCaseQueues: each workqueue holds its cases, counted, a page at a
// time in due order.
func TestCaseQueues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDeskFixture(t, shanghai(t, "2026-12-07 10:00"))
	var refs []string
	for range 5 {
		ref, _ := f.submit(t, f.plainType)
		refs = append(refs, ref)
	}
	if _, err := f.db.TakeCase(ctx, f.officer, refs[0]); err != nil {
		t.Fatal(err)
	}
	q := store.QueueQuery{Mission: chongqing, UserID: f.officer.ID, Today: calendar.Date{Year: 2026, Month: 12, Day: 10},
		Soon: calendar.Date{Year: 2026, Month: 12, Day: 14}}
	counts, err := f.db.QueueCounts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	// Submitted Monday 7 December, due Wednesday 9: overdue on the 10th.
	want := map[string]int{store.QueueNew: 4, store.QueueMine: 1, store.QueueWaiting: 0, store.QueueReady: 0, store.QueueDueSoon: 0, store.QueueOverdue: 5}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("queue %s: %d, want %d", k, counts[k], n)
		}
	}
	q.Queue, q.Limit = store.QueueNew, 3
	var seen []string
	for {
		rows, more, err := f.db.CaseQueue(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			seen = append(seen, r.Reference)
		}
		if !more {
			break
		}
		q.AfterDue, q.AfterID = rows[len(rows)-1].Due.String(), rows[len(rows)-1].ID
	}
	if !slices.Equal(seen, refs[1:]) {
		t.Errorf("the new queue in two pages: %v, want %v", seen, refs[1:])
	}
	q.Today = calendar.Date{Year: 2026, Month: 12, Day: 8}
	if counts, _ := f.db.QueueCounts(ctx, q); counts[store.QueueDueSoon] != 5 || counts[store.QueueOverdue] != 0 {
		t.Errorf("on the 8th: %v", counts)
	}
}

// TestAccountBeforeFirstSeed: an account made on a new database before
// the dataset is first loaded (chancery admin create-user before the first
// start) works for every mission that first load brings; a later load's
// new mission is not given to anyone, as an administrator narrows it.
func TestAccountBeforeFirstSeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	u, err := db.CreateUser(ctx, admin, "early", "a password of twenty!", staff.Officer)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, admin, ds, dataset.DefaultBytes()); err != nil {
		t.Fatal(err)
	}
	ms, err := db.Missions(ctx)
	if err != nil || len(ms) == 0 {
		t.Fatalf("missions %d, %v", len(ms), err)
	}
	for _, m := range ms {
		if ok, err := db.ServesMission(ctx, u, m.ID); !ok || err != nil {
			t.Errorf("the early account does not serve %s (%v)", m.ID, err)
		}
	}
	if err := db.SetUserMissions(ctx, admin, u.Username, []string{"by-cg-chongqing"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, admin, ds, dataset.DefaultBytes()); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.ServesMission(ctx, u, "by-embassy-beijing"); ok {
		t.Error("loading the dataset again undid the narrowing")
	}
}
