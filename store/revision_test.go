package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSharedReadsNeverAnswerFromBefore: many callers, each committing a
// change just before it asks, share reads; every caller's answer is at
// least as new as its own change, so a page never hides a change its
// reader knows was made.
func TestSharedReadsNeverAnswerFromBefore(t *testing.T) {
	var s sharedReads[int64]
	var committed, reads atomic.Int64
	read := func(context.Context) (int64, error) {
		reads.Add(1)
		n := committed.Load()
		time.Sleep(200 * time.Microsecond) // a round trip, during which others arrive
		return n, nil
	}
	const callers = 400
	var wg sync.WaitGroup
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := committed.Add(1)
			got, err := s.do(context.Background(), read)
			if err != nil {
				t.Error(err)
				return
			}
			if got < mine {
				t.Errorf("answered revision %d to a caller that committed %d before asking", got, mine)
			}
		}()
	}
	wg.Wait()
	if r := reads.Load(); r < 1 || r > callers {
		t.Fatalf("%d reads for %d callers", r, callers)
	}
	t.Logf("%d callers shared %d reads", callers, reads.Load())
	// Once all is quiet the next caller starts a read of its own.
	mine := committed.Add(1)
	if got, _ := s.do(context.Background(), read); got != mine {
		t.Fatalf("a lone caller got %d, want %d", got, mine)
	}
}

// TestSharedReadsLeaveAGivingUpCaller: a caller whose request ends stops
// waiting at once; the read goes on for the others.
func TestSharedReadsLeaveAGivingUpCaller(t *testing.T) {
	var s sharedReads[int64]
	release := make(chan struct{})
	read := func(context.Context) (int64, error) {
		<-release
		return 7, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.do(ctx, read)
		done <- err
	}()
	other := make(chan int64, 1)
	go func() {
		n, _ := s.do(context.Background(), read)
		other <- n
	}()
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("the caller that gave up got %v", err)
	}
	close(release)
	if n := <-other; n != 7 {
		t.Fatalf("the other caller got %d", n)
	}
}
