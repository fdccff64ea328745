package jobs_test

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/jobs"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestOneInstanceRunsAJob: of two instances running the same job, only the
// lease holder runs it; when it stops, the other takes over at once.
func TestOneInstanceRunsAJob(t *testing.T) {
	db := storetest.Open(t)
	var runs [2]atomic.Int32
	runner := func(i int) *jobs.Runner {
		return jobs.New(db, slog.Default(), jobs.Job{Name: "count", Every: 20 * time.Millisecond,
			Run: func(context.Context) (int, error) { runs[i].Add(1); return 1, nil }})
	}
	eventually := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal(what)
			}
		}
	}
	first, second := runner(0), runner(1)
	ctx1, stop1 := context.WithCancel(context.Background())
	ctx2, stop2 := context.WithCancel(context.Background())
	defer stop2()
	first.Start(ctx1)
	eventually("the first instance never ran the job", func() bool { return runs[0].Load() > 0 })
	second.Start(ctx2)
	time.Sleep(200 * time.Millisecond)
	if n := runs[1].Load(); n != 0 {
		t.Fatalf("the second instance ran a job the first holds %d times", n)
	}
	stop1()
	first.Wait()
	before := runs[0].Load()
	eventually("the second instance did not take the job over", func() bool { return runs[1].Load() > 0 })
	if runs[0].Load() != before {
		t.Fatal("the first instance ran the job after Wait returned")
	}
	stop2()
	second.Wait()
	jobs.New(db, slog.Default()).Wait() // a runner never started does not block
}
