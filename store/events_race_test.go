package store_test

import (
	"context"
	"sort"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestRegistrationsNeverOverbook sends many concurrent registrations for
// the last places, through two instances on one database: exactly the
// capacity get a place, everyone else waits, each in one place of the
// line, and those who got a place came before those who wait.
func TestRegistrationsNeverOverbook(t *testing.T) {
	ctx := context.Background()
	dsn := withDataset.DSN(t)
	dbs := []*store.DB{storetest.OpenDSN(t, dsn), nil}
	dbs[1] = storetest.OpenDSN(t, dsn)
	const capacity, n = 5, 40
	openForum(t, dbs[0], capacity, true)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, _ := registration(i)
			_, _, err := dbs[i%2].Register(ctx, in)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a registration failed: %v", err)
		}
	}
	regs, err := dbs[0].Registrations(ctx, forumID)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, dbs[0], regs, capacity, n-capacity)
}

// checkLine checks an event's registrations against its counters: places
// taken and people waiting as counted, positions distinct, and nobody
// waiting who came before someone with a place taken at registration.
func checkLine(t *testing.T, db *store.DB, regs []events.Registration, registered, waiting int) {
	t.Helper()
	e, err := db.EventRegistration(context.Background(), forumID)
	if err != nil {
		t.Fatal(err)
	}
	count := map[events.Status]int{}
	seen := map[int]bool{}
	lastPlace, firstWaiting := 0, 1<<30
	for _, r := range regs {
		count[r.Status]++
		if seen[r.Position] {
			t.Errorf("position %d given twice", r.Position)
		}
		seen[r.Position] = true
		switch r.Status {
		case events.Registered:
			lastPlace = max(lastPlace, r.Position)
		case events.Waitlisted:
			firstWaiting = min(firstWaiting, r.Position)
		}
	}
	if count[events.Registered] != registered || count[events.Waitlisted] != waiting {
		t.Errorf("%d registered and %d waiting, want %d and %d", count[events.Registered], count[events.Waitlisted], registered, waiting)
	}
	if e.Registered != registered || e.Waiting != waiting || e.Registered > e.Capacity {
		t.Errorf("counters say %d registered and %d waiting of %d places", e.Registered, e.Waiting, e.Capacity)
	}
	if waiting > 0 && lastPlace > firstWaiting {
		t.Errorf("position %d has a place while %d waits", lastPlace, firstWaiting)
	}
}

// TestCancellationsPromoteOnceAcrossInstances cancels, through two
// instances at once, the same registration (one promotion) and two
// others (two more promotions, in the order of the line).
func TestCancellationsPromoteOnceAcrossInstances(t *testing.T) {
	ctx := context.Background()
	dsn := withDataset.DSN(t)
	dbs := []*store.DB{storetest.OpenDSN(t, dsn), nil}
	dbs[1] = storetest.OpenDSN(t, dsn)
	openForum(t, dbs[0], 3, true)
	var refs, tokens []string
	for i := range 8 {
		in, token := registration(i)
		r, _, err := dbs[0].Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		refs, tokens = append(refs, r.Reference), append(tokens, token)
	}
	var mu sync.Mutex
	var promoted []string
	notify := func(c events.Change, r events.Registration) ([]store.Message, error) {
		if c == events.Promoted {
			mu.Lock()
			promoted = append(promoted, r.Reference)
			mu.Unlock()
		}
		return nil, nil
	}
	race := func(jobs ...int) {
		var wg sync.WaitGroup
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := dbs[i%2].CancelRegistration(ctx, refs[j], tokens[j], notify); err != nil && chancery.ErrorCode(err) != chancery.ECONFLICT {
					t.Errorf("cancel %d: %v", j, err)
				}
			}()
		}
		wg.Wait()
	}
	race(0, 0, 0, 0)
	if len(promoted) != 1 || promoted[0] != refs[3] {
		t.Fatalf("one place given up four times at once promoted %v, want only %s", promoted, refs[3])
	}
	race(1, 2)
	got := append([]string(nil), promoted[1:]...)
	sort.Strings(got)
	want := []string{refs[4], refs[5]}
	sort.Strings(want)
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("two places given up at once promoted %v, want the next two in line %v", got, want)
	}
	regs, _ := dbs[1].Registrations(ctx, forumID)
	cancelled := 0
	for _, r := range regs {
		if r.Status == events.Cancelled {
			cancelled++
		}
	}
	if cancelled != 3 {
		t.Errorf("%d cancelled, want 3", cancelled)
	}
	var live []events.Registration
	for _, r := range regs {
		if r.Status != events.Cancelled {
			live = append(live, r)
		}
	}
	checkLine(t, dbs[0], live, 3, 2)
}
